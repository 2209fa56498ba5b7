using FsCheck.Xunit;
using Tadamon.Catalog.Model;
using Tadamon.Contracts;
using Tadamon.Contracts.Catalog;
using Tadamon.Contracts.Orders;
using Tadamon.Contracts.Shipping;
using Tadamon.Orders.Model;
using Tadamon.Shipping.Model;
using DeliveryAddress = Tadamon.Orders.Model.DeliveryAddress;

namespace Tadamon.Orders.Tests;

/// <summary>
/// The order, its shipment and its stock reservation (the three services' real models) played together: people
/// act (ready, cancel), the reservation expires, the courier worker calls, the courier moves the parcel on its
/// route, and every message between the services is delivered in a random order. Whatever happens: stock is
/// conserved, it is never back on sale while the courier holds the goods, nothing is paid unless delivered, and
/// once everything has arrived the three agree.
/// </summary>
public sealed class MarketplaceLifecycleProperties
{
    /// <summary>One move of the world; <c>Deliver</c> takes the in-flight message at an index the generator picks.</summary>
    public enum Move { Deliver, Ready, BuyerCancel, OperatorCancel, Expire, CourierWorker, CourierAnswer, CourierStep, ReadyCallTimesOut }

    /// <summary>
    /// How often each move is drawn (out of 100): cancels and expiry are rare enough that most runs get the parcel
    /// on the road before someone changes their mind, which is where the interesting races are.
    /// </summary>
    private static readonly (int UpTo, Move Move)[] Weights =
    [
        (45, Move.Deliver), (54, Move.CourierWorker), (60, Move.CourierAnswer), (63, Move.ReadyCallTimesOut), (80, Move.CourierStep), (88, Move.Ready), (92, Move.Expire),
        (96, Move.BuyerCancel), (100, Move.OperatorCancel),
    ];

    private static Move Draw(byte b) => Weights.First(w => b % 100 < w.UpTo).Move;

    private const int Initial = 5;
    private const int Quantity = 2;

    [Property(MaxTest = 3000)]
    public void Any_interleaving_Should_conserve_stock_and_pay_only_delivered_orders(byte[] moves, byte[] picks, bool deliveryFails)
    {
        var world = new World(deliveryFails);
        for (var i = 0; i < moves.Length; i++)
        {
            world.Do(Draw(moves[i]), picks.Length == 0 ? 0 : picks[i % picks.Length]);
            world.AssertInvariants();
        }

        world.Settle();
        world.AssertInvariants();
        world.AssertSettled();
    }

    [Fact]
    public void When_an_operator_cancels_a_parcel_the_courier_holds_Should_keep_its_stock_until_it_comes_back()
    {
        var world = new World(deliveryFails: false);
        void Then(Move move) { world.Do(move, 0); world.AssertInvariants(); world.DeliverAll(); }

        Then(Move.Deliver); // placed → reserved → confirmed → shipment
        Then(Move.CourierWorker); // the booking call goes out
        Then(Move.CourierAnswer); // booked
        Then(Move.Ready);
        Then(Move.CourierWorker); // the courier is told
        Then(Move.CourierAnswer);
        Then(Move.CourierStep); // picked up
        Then(Move.OperatorCancel);
        Assert.True(world.CourierHasGoods);
        Then(Move.CourierWorker); // the courier is asked to cancel: it brings the parcel back
        Then(Move.CourierAnswer);
        world.Settle();
        world.AssertInvariants();
        world.AssertSettled();
    }

    private sealed class World
    {
        private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;
        private readonly Order _order = new Order
        {
            BuyerId = "buyer", TotalMad = 240m, Recipient = new DeliveryAddress("Fatima", "0612345678", "souss-massa", "Agadir", "1 rue"),
            Lines = [new OrderLine { ProductId = Guid.NewGuid(), NameAr = "زيت", NameFr = "Huile", Unit = "l", Quantity = Quantity, UnitPriceMad = 120m }],
        }.Placed();
        private readonly List<(string To, IntegrationEvent Message)> _inFlight = [];
        /// <summary>Courier calls that reached the courier and whose answers shipping has not applied yet.</summary>
        private readonly List<(CourierCall Call, Action<Shipment> Apply)> _answers = [];
        private readonly Courier _courier;
        private Shipment? _shipment;
        private StockReservation? _reservation;
        private int _available = Initial, _reserved, _sold;
        private int _minutes;

        public World(bool deliveryFails)
        {
            _courier = new Courier(deliveryFails);
            Send("catalog", new OrderPlaced(_order.Id, Guid.NewGuid(), _order.CooperativeId, "buyer", [new OrderedLine(Guid.NewGuid(), Quantity, 120m)], 240m));
        }

        private DateTimeOffset Now => Start.AddMinutes(_minutes);

        public void Do(Move move, int pick)
        {
            _minutes++;
            switch (move)
            {
                case Move.Deliver when _inFlight.Count > 0:
                    var (to, message) = _inFlight[pick % _inFlight.Count];
                    _inFlight.RemoveAt(pick % _inFlight.Count);
                    Receive(to, message);
                    break;
                case Move.Ready when _order.Status == OrderStatus.Confirmed:
                    _order.MarkReadyForPickup(Now);
                    Send("shipping", new OrderReadyForPickup(_order.Id, _order.CooperativeId));
                    break;
                case Move.BuyerCancel or Move.OperatorCancel when _order.CanCancel(move == Move.OperatorCancel):
                    CancelOrder(move == Move.OperatorCancel);
                    break;
                case Move.Expire:
                    // The sweeper, days later: reported to orders, which decides.
                    if (_reservation?.Expire(Now.AddDays(4)) == true) Send("orders", new StockReservationExpired(_order.Id));
                    break;
                case Move.CourierWorker:
                    CourierRound();
                    break;
                case Move.CourierAnswer when _answers.Count > 0:
                    var (_, apply) = _answers[pick % _answers.Count];
                    _answers.RemoveAt(pick % _answers.Count);
                    apply(_shipment!);
                    break;
                case Move.ReadyCallTimesOut when _answers.FindIndex(a => a.Call == CourierCall.Ready) is var ready and >= 0:
                    // The courier got the call, shipping never heard back: it retries later, and must not assume the parcel is home.
                    _answers[ready] = (CourierCall.Ready, s => s.CourierFailed("timeout", Now));
                    break;
                case Move.CourierStep:
                    foreach (var status in _courier.Step()) Send("webhook", new CourierNews(status));
                    break;
            }
        }

        public bool CourierHasGoods => _courier.HasGoods;

        public void DeliverAll()
        {
            while (_inFlight.Count > 0)
            {
                Do(Move.Deliver, 0);
                AssertInvariants();
            }
        }

        /// <summary>Everything in flight arrives, the worker and the courier run until nothing is left to do.</summary>
        public void Settle()
        {
            for (var round = 0; round < 100 && (_inFlight.Count > 0 || _answers.Count > 0 || _shipment?.NeedsCourier == true || _courier.CanMove); round++)
            {
                DeliverAll();
                Do(Move.CourierWorker, 0);
                while (_answers.Count > 0) Do(Move.CourierAnswer, 0);
                Do(Move.CourierStep, 0);
            }
            Assert.Empty(_inFlight);
            Assert.Empty(_answers);
        }

        public void AssertInvariants()
        {
            Assert.Equal(Initial, _available + _reserved + _sold);
            Assert.True(_available >= 0 && _reserved >= 0 && _sold >= 0);
            // Goods with the courier are never back on sale.
            if (_courier.HasGoods) Assert.Equal(Initial - Quantity, _available);
        // Only a real booking shows on the order.
        Assert.True(_order.TrackingNumber is null || _courier.Booked, "a booking the courier never made");
            Assert.True(!_order.IsPaid || _order.Status == OrderStatus.Delivered, $"paid while {_order.Status}");
            Assert.True(_shipment?.CashCollectedMad is null || _shipment.Status == ShipmentStatus.Delivered, $"cash on a {_shipment?.Status} parcel");
        }

        public void AssertSettled()
        {
            Assert.NotEqual(OrderStatus.Recalling, _order.Status);
            Assert.False(_courier.HasGoods);
            if (_courier.Delivered)
            {
                Assert.Equal((OrderStatus.Delivered, true), (_order.Status, _order.IsPaid));
                Assert.Equal((Initial - Quantity, Quantity), (_available, _sold));
                if (_order.StatusReason == "delivered-after-cancel")
                    Assert.Contains(_shipment!.Anomalies, a => a.Kind == AnomalyKinds.DeliveredAfterCancel);
            }
            else
            {
                Assert.Contains(_order.Status, new[] { OrderStatus.Cancelled, OrderStatus.Returned, OrderStatus.Rejected, OrderStatus.Confirmed, OrderStatus.ReadyForPickup });
                Assert.False(_order.IsPaid);
                // Nothing sold; what the order holds is back on sale unless it is still waiting (never cancelled).
                Assert.Equal(0, _sold);
                if (_order.Status is OrderStatus.Cancelled or OrderStatus.Returned) Assert.Equal(Initial, _available);
            }
        }

        private void CancelOrder(bool byOperator)
        {
            _order.Cancel(byOperator ? "fraud" : "changed my mind", byOperator, Now);
            var cancelled = new OrderCancelled(_order.Id, _order.CooperativeId, "x", byOperator ? "operator" : "buyer", _order.AwaitsReturn);
            Send("catalog", cancelled);
            Send("shipping", cancelled);
        }

        /// <summary>
        /// As CourierWorker: a due shipment is claimed for its call (a minute's lease, so a later round may claim it
        /// again while the first call is still out, as after a slow call), the courier hears the call at once, and
        /// the answer is applied by a later <see cref="Move.CourierAnswer"/>, with messages delivered in between.
        /// </summary>
        private void CourierRound()
        {
            if (_shipment is not { NextCourierAttemptAt: { } due } s || due > Now) return;
            switch (s.ClaimCourierCall(Now, TimeSpan.FromMinutes(1)))
            {
                case CourierCall.Book:
                    var reference = _courier.Book();
                    _answers.Add((CourierCall.Book, x => Publish(x.Booked(reference, Now))));
                    break;
                case CourierCall.Cancel:
                    var pickedUp = _courier.Cancel();
                    _answers.Add((CourierCall.Cancel, x => Publish(x.CancelNotifiedToCourier(pickedUp, Now))));
                    break;
                case CourierCall.Ready:
                    _courier.Ready = true;
                    _answers.Add((CourierCall.Ready, x => x.ReadyNotifiedToCourier(Now)));
                    break;
            }
        }

        private void Receive(string to, IntegrationEvent message)
        {
            switch (to, message)
            {
                case ("catalog", OrderPlaced) when _reservation is null:
                    _reservation = new StockReservation { OrderId = _order.Id, Status = ReservationStatus.Held, ExpiresAt = Now.AddDays(3) };
                    (_available, _reserved) = (_available - Quantity, _reserved + Quantity);
                    Send("orders", new StockReserved(_order.Id, []));
                    break;
                case ("catalog", OrderCancelled c):
                    _reservation ??= new StockReservation { OrderId = _order.Id, Status = ReservationStatus.Released };
                    Apply(_reservation.Cancelled(c.AwaitsReturn, Now));
                    break;
                case ("catalog", OrderDelivered): Apply(_reservation?.Delivered(Now)); break;
                case ("catalog", ShipmentReturned): Apply(_reservation?.Returned(Now)); break;
                case ("catalog", ShipmentStatusChanged c): Apply(_reservation?.ShipmentMoved(c.Status, Now)); break;

                case ("orders", StockReserved) when _order.Status == OrderStatus.Placed:
                    _order.Confirm(Now);
                    Send("shipping", new OrderConfirmed(_order.Id, _order.CooperativeId, "buyer", new Contracts.Orders.DeliveryAddress("F", "06", "r", "c", "s"), Quantity, 240m));
                    break;
                case ("orders", StockReservationExpired) when _order.CanCancel(byOperator: false):
                    CancelOrder(byOperator: false);
                    break;
                case ("orders", ShipmentBooked b): _order.RecordBooking(b.ShipmentId, b.TrackingNumber, Now); break;
                case ("orders", ShipmentStatusChanged c):
                    if (_order.ApplyShipmentNews(c.ShipmentId, c.TrackingNumber, c.Status, Now) && _order.Status == OrderStatus.Delivered)
                        Send("catalog", new OrderDelivered(_order.Id, _order.CooperativeId));
                    break;
                case ("orders", CashCollected c): _order.MarkPaid(c.AmountMad, Now); break;

                case ("shipping", OrderConfirmed) when _shipment is null:
                    _shipment = new Shipment { OrderId = _order.Id, TrackingNumber = "TDM1", CashOnDeliveryMad = 240m, Recipient = new Recipient("F", "06", "r", "c", "s") };
                    break;
                case ("shipping", OrderReadyForPickup r):
                    if (_shipment is null) Send(to, r); // the confirmation is behind: retried later
                    else _shipment.MarkReadyForPickup(Now);
                    break;
                case ("shipping", OrderCancelled):
                    _shipment ??= Shipment.ForCancelBeforeConfirmation(_order.Id, _order.CooperativeId);
                    Publish(_shipment.Cancel(Now));
                    break;
                case ("webhook", CourierNews n):
                    Publish(_shipment!.ApplyCourierNews(n.Status, n.Status == CourierCodes.CashCollected ? 240m : null, Now, Now));
                    break;
            }
        }

        /// <summary>Shipping's outbox: each event to the services that consume it.</summary>
        private void Publish(IReadOnlyList<IntegrationEvent> events)
        {
            foreach (var e in events)
            {
                if (e is ShipmentBooked or ShipmentStatusChanged or CashCollected) Send("orders", e);
                if (e is ShipmentStatusChanged or ShipmentReturned) Send("catalog", e);
            }
        }

        private void Send(string to, IntegrationEvent message) => _inFlight.Add((to, message));

        private void Apply(StockMove? move)
        {
            switch (move)
            {
                case StockMove.ReservedToAvailable: (_available, _reserved) = (_available + Quantity, _reserved - Quantity); break;
                case StockMove.ReservedToSold: (_reserved, _sold) = (_reserved - Quantity, _sold + Quantity); break;
                case StockMove.SoldToAvailable: (_sold, _available) = (_sold - Quantity, _available + Quantity); break;
            }
        }
    }

    private sealed record CourierNews(string Status) : IntegrationEvent;

    /// <summary>The partner courier as the sandbox plays it: moves a ready parcel along its route; a cancel drops or brings back.</summary>
    private sealed class Courier(bool deliveryFails)
    {
        private readonly string[] _route = deliveryFails
            ? ["picked_up", "in_transit", "out_for_delivery", "delivery_failed", "returned"]
            : ["picked_up", "in_transit", "out_for_delivery", "delivered", "cash_collected"];
        private int _next;
        private bool _booked, _cancelled, _finished;

        public bool Ready { get; set; }
        public bool Delivered { get; private set; }
        /// <summary>Picked up and neither handed to the buyer nor back at the cooperative.</summary>
        public bool HasGoods => _next > 0 && !Delivered && !_finished;
        public bool CanMove => _booked && Ready && !_finished;

        public bool Booked => _booked;

        public string Book() { _booked = true; return "SBX-1"; }

        /// <summary>Whether the parcel had been picked up when the cancel came.</summary>
        public bool Cancel() { _cancelled = true; return _next > 0; }

        public IReadOnlyList<string> Step()
        {
            if (!CanMove) return [];
            if (_cancelled && !Delivered)
            {
                _finished = true;
                return _next == 0 ? [] : ["returned"];
            }
            var status = _route[_next++];
            if (status == "delivered") Delivered = true;
            if (_next == _route.Length) _finished = true;
            return [status];
        }
    }
}
