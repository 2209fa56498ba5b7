using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Tadamon.Orders.Model;

namespace Tadamon.Orders.Tests;

/// <summary>
/// Model-based: random sequences of everything that can happen to an order (people's commands, stock answers,
/// courier news in any order, cash) applied to the real <see cref="Order"/> and to a small table of the rules;
/// after every step both must agree, and a refused command must leave the order exactly as it was.
/// </summary>
public sealed class OrderLifecycleProperties
{
    public enum Step { Confirm, Reject, Ready, BuyerCancel, OperatorCancel, PickedUp, InTransit, OutForDelivery, DeliveryFailed, Delivered, Returned, NeverPickedUp, CashCollected }

    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>
    /// The rules as a table: from which statuses a command is allowed, and where it goes (a cancel once the parcel
    /// may be with the courier goes to Recalling instead, see <see cref="Apply"/>).
    /// </summary>
    private static readonly Dictionary<Step, (OrderStatus[] From, OrderStatus To)> Commands = new()
    {
        [Step.Confirm] = ([OrderStatus.Placed], OrderStatus.Confirmed),
        [Step.Reject] = ([OrderStatus.Placed], OrderStatus.Rejected),
        [Step.Ready] = ([OrderStatus.Confirmed], OrderStatus.ReadyForPickup),
        [Step.BuyerCancel] = ([OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.ReadyForPickup], OrderStatus.Cancelled),
        [Step.OperatorCancel] = ([OrderStatus.Placed, OrderStatus.Confirmed, OrderStatus.ReadyForPickup, OrderStatus.Shipped, OrderStatus.DeliveryFailed], OrderStatus.Cancelled),
    };

    /// <summary>Courier news only ever moves an order forward along this ladder, and never out of a refusal or a cancel.</summary>
    private static readonly OrderStatus[][] Ladder =
    [
        [OrderStatus.Placed], [OrderStatus.Confirmed], [OrderStatus.ReadyForPickup], [OrderStatus.Shipped], [OrderStatus.DeliveryFailed],
        [OrderStatus.Delivered, OrderStatus.Returned],
    ];

    private static readonly OrderStatus[] Final = [OrderStatus.Delivered, OrderStatus.Returned, OrderStatus.Rejected, OrderStatus.Cancelled];

    /// <summary>Where a recalled order goes on each piece of news about its parcel; other news leaves it recalling.</summary>
    private static readonly Dictionary<Step, OrderStatus> RecallEnds = new()
    {
        [Step.NeverPickedUp] = OrderStatus.Cancelled, [Step.Returned] = OrderStatus.Returned, [Step.Delivered] = OrderStatus.Delivered,
    };

    private sealed record Model(OrderStatus Status, decimal? Cash);

    [Property(MaxTest = 500)]
    public void Any_sequence_of_events_Should_follow_the_rules_and_refusals_change_nothing(Step[] steps)
    {
        var order = new Order { BuyerId = "buyer", TotalMad = 250m, Recipient = new DeliveryAddress("Fatima", "0612345678", "souss-massa", "Agadir", "1 rue") };
        var model = new Model(OrderStatus.Placed, null);

        foreach (var step in steps)
        {
            var before = (order.Status, order.StatusReason, order.CashCollectedMad, order.UpdatedAt);
            var expected = Apply(model, step, out var allowed);
            var refusal = Record.Exception(() => Act(order, step));

            if (allowed)
            {
                Assert.Null(refusal);
            }
            else
            {
                Assert.IsType<IllegalTransitionException>(refusal);
                Assert.Equal(before, (order.Status, order.StatusReason, order.CashCollectedMad, order.UpdatedAt));
            }
            Assert.Equal(expected.Status, order.Status);
            Assert.Equal(expected.Cash, order.CashCollectedMad);
            // Paid exactly when delivered with the cash in.
            Assert.Equal(expected.Status == OrderStatus.Delivered && expected.Cash is not null, order.IsPaid);
            // A final status is never left; cash is taken once.
            if (Final.Contains(model.Status)) Assert.Equal(model.Status, order.Status);
            if (model.Cash is { } paid) Assert.Equal(paid, order.CashCollectedMad);
            model = expected;
        }
    }

    private static Model Apply(Model model, Step step, out bool allowed)
    {
        allowed = true;
        if (Commands.TryGetValue(step, out var rule))
        {
            allowed = rule.From.Contains(model.Status);
            var recall = rule.To == OrderStatus.Cancelled && model.Status is not (OrderStatus.Placed or OrderStatus.Confirmed);
            return allowed ? model with { Status = recall ? OrderStatus.Recalling : rule.To } : model;
        }
        if (step == Step.CashCollected) return model.Cash is null ? model with { Cash = 250m } : model;
        if (model.Status == OrderStatus.Recalling) return RecallEnds.TryGetValue(step, out var end) ? model with { Status = end } : model;
        if (step == Step.NeverPickedUp) return model;
        var target = step switch
        {
            Step.PickedUp or Step.InTransit or Step.OutForDelivery => OrderStatus.Shipped,
            Step.DeliveryFailed => OrderStatus.DeliveryFailed,
            Step.Delivered => OrderStatus.Delivered,
            _ => OrderStatus.Returned,
        };
        var rung = Array.FindIndex(Ladder, r => r.Contains(model.Status));
        var forward = rung >= 0 && Array.FindIndex(Ladder, r => r.Contains(target)) > rung;
        return forward ? model with { Status = target } : model;
    }

    private static void Act(Order order, Step step)
    {
        switch (step)
        {
            case Step.Confirm: order.Confirm(Now); break;
            case Step.Reject: order.Reject("out-of-stock", Now); break;
            case Step.Ready: order.MarkReadyForPickup(Now); break;
            case Step.BuyerCancel: order.Cancel("changed my mind", byOperator: false, Now); break;
            case Step.OperatorCancel: order.Cancel("fraud", byOperator: true, Now); break;
            case Step.CashCollected: order.MarkPaid(250m, Now); break;
            case Step.NeverPickedUp: order.ApplyCourierStatus("Cancelled", Now); break;
            default: order.ApplyCourierStatus(step.ToString(), Now); break;
        }
    }
}
