using MassTransit;
using Microsoft.EntityFrameworkCore;
using Tadamon.Contracts.Courses;
using Tadamon.Enrollment.Infrastructure;
using Tadamon.Enrollment.Model;
using Tadamon.Messaging;

namespace Tadamon.Enrollment.IntegrationEvents;

/// <summary>
/// Keeps the copy of which association runs each centre. A versioned upsert: the newest change wins whatever the
/// order of arrival, and needs nothing else to have arrived first (a centre may change hands before any course).
/// </summary>
public sealed class CentreAssociationChangedConsumer(EnrollmentDbContext db, ILogger<CentreAssociationChangedConsumer> logger)
    : InboxConsumer<CentreAssociationChanged, EnrollmentDbContext>(db, logger)
{
    protected override async Task HandleAsync(CentreAssociationChanged m, ConsumeContext<CentreAssociationChanged> context)
    {
        var row = Db.CentreAssociations.Local.FirstOrDefault(r => r.CentreId == m.CentreId)
            ?? await Db.CentreAssociations.FirstOrDefaultAsync(r => r.CentreId == m.CentreId, context.CancellationToken);
        if (row is null)
        {
            Db.CentreAssociations.Add(new CentreAssociation { CentreId = m.CentreId, AssociationId = m.AssociationId, AsOf = m.OccurredAt });
            return;
        }
        if (m.OccurredAt <= row.AsOf) return;
        row.AssociationId = m.AssociationId;
        row.AsOf = m.OccurredAt;
    }
}
