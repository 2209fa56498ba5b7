using System.Security.Cryptography;
using System.Text;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Enrollment;
using Tadamon.Contracts.Orders;
using Tadamon.Contracts.Shipping;
using Tadamon.Messaging;
using Tadamon.Notifications.Infrastructure;
using Tadamon.Notifications.Model;
using Tadamon.Notifications.Sms;

namespace Tadamon.Notifications.IntegrationEvents;

/// <summary>An in-app message from enrollment: also texted when its kind is one people must hear about at once.</summary>
public sealed class BeneficiaryNotifiedConsumer(NotificationsDbContext db, SmsDesk desk, ILogger<BeneficiaryNotifiedConsumer> logger)
    : InboxConsumer<BeneficiaryNotified, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(BeneficiaryNotified m, ConsumeContext<BeneficiaryNotified> context)
    {
        if (!desk.IsSentBySms(m.Kind)) return;
        await desk.QueueAsync(m.NotificationId, m.BeneficiaryId, m.Kind, phone: null, m.TextAr, m.TextFr, context.CancellationToken);
    }
}

/// <summary>Keeps whose each order is and the phone its parcel's courier calls: the number its SMS goes to.</summary>
public sealed class OrderConfirmedConsumer(NotificationsDbContext db, ILogger<OrderConfirmedConsumer> logger)
    : InboxConsumer<OrderConfirmed, NotificationsDbContext>(db, logger)
{
    protected override async Task HandleAsync(OrderConfirmed m, ConsumeContext<OrderConfirmed> context)
    {
        if (Db.Orders.Local.Any(o => o.OrderId == m.OrderId) || await Db.Orders.AnyAsync(o => o.OrderId == m.OrderId, context.CancellationToken)) return;
        // A landline (no mobile) is kept as null: the parcel's news then has nothing to text, but is not waited for.
        Db.Orders.Add(new OrderContact { OrderId = m.OrderId, BuyerId = m.BuyerId, Phone = MoroccanPhone.Normalise(m.Recipient.Phone) });
    }
}

/// <summary>A parcel out for delivery: its buyer is texted once, in the language of their profile (Arabic when they set none).</summary>
public sealed class ShipmentStatusChangedConsumer(NotificationsDbContext db, SmsDesk desk, ILogger<ShipmentStatusChangedConsumer> logger)
    : InboxConsumer<ShipmentStatusChanged, NotificationsDbContext>(db, logger)
{
    public const string Kind = "ParcelOutForDelivery";

    protected override async Task HandleAsync(ShipmentStatusChanged m, ConsumeContext<ShipmentStatusChanged> context)
    {
        if (m.Status != "OutForDelivery") return;
        var ct = context.CancellationToken;
        var order = await Db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.OrderId == m.OrderId, ct);
        // A parcel exists only for a confirmed order: its OrderConfirmed is on its way.
        if (order is null) throw new MessageNotReadyException($"Order {m.OrderId} is not known yet; OrderConfirmed has not been handled.");
        if (order.Phone is null) return;
        await desk.QueueAsync(NewsId(m.ShipmentId), order.BuyerId, Kind, order.Phone,
            $"طردكم {m.TrackingNumber} في الطريق إليكم اليوم. سيتصل بكم الموزع؛ الدفع عند الاستلام.",
            $"Votre colis {m.TrackingNumber} est en route aujourd'hui. Le livreur vous appellera ; paiement à la livraison.", ct);
    }

    /// <summary>One id per parcel for this news, whatever the copies of its event: the SMS's notification id.</summary>
    public static Guid NewsId(Guid shipmentId) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"parcel-out-for-delivery:{shipmentId:N}")));
}
