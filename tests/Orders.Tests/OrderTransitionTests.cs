using Tadamon.Orders.Model;

namespace Tadamon.Orders.Tests;

/// <summary>The lifecycle's rules on their own, without a database.</summary>
public sealed class OrderTransitionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static Order NewOrder() => new()
    {
        BuyerId = "buyer", Recipient = new DeliveryAddress("Fatima", "0612345678", "casablanca-settat", "Casablanca", "12 rue"),
    };

    private static Order Shipped()
    {
        var order = NewOrder();
        order.Confirm(Now);
        order.ApplyCourierStatus("PickedUp", Now);
        return order;
    }

    [Fact]
    public void When_a_rejected_order_is_confirmed_Should_refuse()
    {
        var order = NewOrder();
        order.Reject("out-of-stock", Now);

        var refused = Assert.Throws<IllegalTransitionException>(() => order.Confirm(Now));
        Assert.Equal(OrderStatus.Rejected, refused.From);
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void When_a_shipped_order_is_cancelled_Should_be_allowed_only_to_operators_as_a_recall(bool byOperator, bool allowed)
    {
        var order = Shipped();

        var attempt = Record.Exception(() => order.Cancel("reason", byOperator, Now));

        Assert.Equal(allowed, attempt is null);
        Assert.Equal(allowed ? OrderStatus.Recalling : OrderStatus.Shipped, order.Status);
    }

    [Theory]
    [InlineData("Returned", OrderStatus.Returned, false)]
    [InlineData("Cancelled", OrderStatus.Cancelled, false)]
    [InlineData("Delivered", OrderStatus.Delivered, true)]
    public void When_a_recalled_parcel_meets_its_fate_Should_end_there_and_be_paid_only_if_delivered(string news, OrderStatus end, bool paid)
    {
        var order = Shipped();
        order.Cancel("fraud", byOperator: true, Now);
        order.MarkPaid(250m, Now); // cash that overtook its delivery news waits for it

        Assert.False(order.ApplyCourierStatus("InTransit", Now));
        Assert.True(order.ApplyCourierStatus(news, Now));

        Assert.Equal((end, paid), (order.Status, order.IsPaid));
    }

    [Fact]
    public void When_cash_is_reported_for_an_order_not_delivered_Should_not_be_paid()
    {
        var order = Shipped();
        order.ApplyCourierStatus("DeliveryFailed", Now);
        order.ApplyCourierStatus("Returned", Now);

        order.MarkPaid(75m, Now);

        Assert.Equal((OrderStatus.Returned, false), (order.Status, order.IsPaid));
    }

    [Fact]
    public void When_an_order_moves_Should_keep_each_step_with_its_time()
    {
        var order = NewOrder().Placed();
        var t = Now;
        order.Confirm(t.AddMinutes(1));
        order.RecordBooking(Guid.NewGuid(), "TDM123", t.AddMinutes(2));
        order.MarkReadyForPickup(t.AddMinutes(3));
        order.ApplyCourierStatus("PickedUp", t.AddMinutes(4));
        order.ApplyCourierStatus("Delivered", t.AddMinutes(5));
        order.MarkPaid(250m, t.AddMinutes(6));

        Assert.Equal(["Placed", "Confirmed", "ShipmentBooked", "ReadyForPickup", "Shipped", "Delivered", "Paid"], order.History.Select(h => h.Event));
        Assert.Equal(t.AddMinutes(2), order.History.Single(h => h.Event == "ShipmentBooked").At);
    }

    [Fact]
    public void When_a_delivered_order_is_cancelled_even_by_an_operator_Should_refuse()
    {
        var order = Shipped();
        order.ApplyCourierStatus("Delivered", Now);

        Assert.Throws<IllegalTransitionException>(() => order.Cancel("reason", byOperator: true, Now));
    }

    [Fact]
    public void When_a_failed_delivery_comes_back_Should_end_returned_and_ignore_a_late_pickup()
    {
        var order = Shipped();

        Assert.True(order.ApplyCourierStatus("DeliveryFailed", Now));
        Assert.True(order.ApplyCourierStatus("Returned", Now));
        Assert.False(order.ApplyCourierStatus("PickedUp", Now));
        Assert.Equal(OrderStatus.Returned, order.Status);
    }

    [Fact]
    public void When_courier_news_concern_a_cancelled_order_Should_change_nothing()
    {
        var order = NewOrder();
        order.Cancel("changed my mind", byOperator: false, Now);

        Assert.False(order.ApplyCourierStatus("Delivered", Now));
        Assert.Equal(OrderStatus.Cancelled, order.Status);
    }
}
