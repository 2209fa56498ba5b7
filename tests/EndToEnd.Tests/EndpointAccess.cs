using System.Text.Json;
using System.Text.RegularExpressions;
using Tadamon.TestSupport;

namespace Tadamon.EndToEnd.Tests;

/// <summary>
/// Who may call each operation of the platform, written down here independently of the services' own
/// declarations, so the matrix test compares two statements of the rules. Keyed by OpenAPI operation id.
/// </summary>
public static class EndpointAccess
{
    public const string Anonymous = "anonymous";
    public const string Buyer = "buyer", CooperativeManager = "cooperative-manager", Operator = "operator",
        CentreManager = "centre-manager", Beneficiary = "beneficiary", AssociationManager = "association-manager";
    public static readonly string[] Roles = [Buyer, CooperativeManager, Operator, CentreManager, Beneficiary, AssociationManager];

    /// <summary>Who runs a centre's work: its manager, the partner association running it, operators.</summary>
    private static readonly string[] CentreRunners = [CentreManager, AssociationManager, Operator];

    /// <param name="Allowed">Roles let through; null means anyone, signed in or not.</param>
    /// <param name="Scoped">The handler also checks which cooperative, centre or person: an allowed role may still get 403 for someone else's.</param>
    /// <param name="Signed">Authenticated by the courier's webhook signature, not by a token: unsigned calls are 401 for everyone.</param>
    public sealed record Rule(string[]? Allowed, bool Scoped = false, bool Signed = false);

    private static Rule Anyone => new(null);
    private static Rule SignedIn => new(Roles);
    private static Rule Only(params string[] roles) => new(roles);
    private static Rule Scoped(params string[] roles) => new(roles, Scoped: true);

    public static readonly IReadOnlyDictionary<string, Rule> Rules = new Dictionary<string, Rule>
    {
        // identity
        ["RegisterAccount"] = Anyone, ["ExchangeToken"] = Anyone, ["CreateAccount"] = Only(Operator),
        // catalog
        ["ListCooperatives"] = Anyone, ["GetCooperative"] = Anyone, ["ListRegions"] = Anyone, ["ListCategories"] = Anyone,
        ["SearchProducts"] = Anyone, ["GetProduct"] = Anyone, ["ApplyCooperative"] = SignedIn,
        ["ListCooperativeProducts"] = Scoped(CooperativeManager, Operator),
        ["VerifyCooperative"] = Only(Operator), ["SuspendCooperative"] = Only(Operator),
        ["CreateProduct"] = Scoped(CooperativeManager, Operator), ["UpdateProduct"] = Scoped(CooperativeManager, Operator),
        ["PublishProduct"] = Scoped(CooperativeManager, Operator), ["RestockProduct"] = Scoped(CooperativeManager, Operator),
        ["ListProductPhotos"] = Scoped(CooperativeManager, Operator), ["UploadProductPhoto"] = Scoped(CooperativeManager, Operator),
        ["ReorderProductPhotos"] = Scoped(CooperativeManager, Operator), ["SetProductCover"] = Scoped(CooperativeManager, Operator),
        ["DeleteProductPhoto"] = Scoped(CooperativeManager, Operator), ["GetPhotoRendition"] = Anyone,
        // catalog: cooperative members and the trained-members badge (invitation answered by code, own memberships only)
        ["ListCooperativeMembers"] = Scoped(CooperativeManager, Operator), ["InviteCooperativeMember"] = Scoped(CooperativeManager, Operator),
        ["RemoveCooperativeMember"] = Scoped(CooperativeManager, Operator),
        ["ListMyMemberships"] = Only(Beneficiary), ["GetMembershipInvitation"] = Scoped(Beneficiary),
        ["ConsentToMembership"] = Scoped(Beneficiary), ["LeaveCooperative"] = Scoped(Beneficiary),
        ["ListTrainedBadges"] = Anyone, ["GetTrainedBadge"] = Anyone,
        // catalog: the Tathmine programme
        ["ListValueChains"] = Anyone, ["ListWeakLinks"] = Anyone, ["ListProgrammeMembers"] = Only(Operator),
        ["GetProgrammeMembership"] = Only(Operator), ["RecordProgrammeMembership"] = Only(Operator),
        ["RecordSupportAction"] = Only(Operator), ["EditSupportAction"] = Only(Operator),
        // orders
        ["Checkout"] = Only(Buyer), ["GetPurchase"] = Only(Buyer, Operator),
        ["ListOrders"] = Only(Buyer, CooperativeManager, Operator), ["GetOrder"] = Only(Buyer, CooperativeManager, Operator),
        ["CancelOrder"] = Scoped(Buyer, Operator), ["MarkOrderReady"] = Scoped(CooperativeManager, Operator),
        ["GetPriceBookEntry"] = Anyone,
        // shipping
        ["ReceiveCourierWebhook"] = new(null, Signed: true), ["ListShipments"] = Only(Operator), ["ListShipmentAnomalies"] = Only(Operator), ["TrackShipment"] = Anyone,
        // settlement
        ["ReceiveRemittance"] = new(null, Signed: true),
        ["ListAccounts"] = Only(Operator), ["ListEntries"] = Only(Operator), ["CourierCashHeld"] = Only(Operator), ["WeeklyReport"] = Only(Operator),
        ["CooperativeBalance"] = Scoped(CooperativeManager, Operator),
        ["ListDiscrepancies"] = Only(Operator), ["GetDiscrepancy"] = Only(Operator), ["ResolveDiscrepancy"] = Only(Operator),
        ["RunPayoutBatch"] = Only(Operator), ["ListPayoutBatches"] = Only(Operator), ["GetPayoutBatch"] = Only(Operator), ["MarkPayoutPaid"] = Only(Operator),
        ["ListPayouts"] = Scoped(CooperativeManager, Operator), ["GetPayout"] = Scoped(CooperativeManager, Operator),
        ["GetPayoutStatementCsv"] = Scoped(CooperativeManager, Operator),
        ["ProgrammeImpact"] = Only(Operator), ["ProgrammeImpactCsv"] = Only(Operator),
        // courses
        ["ListCentres"] = Anyone, ["GetCentre"] = Anyone, ["CreateCentre"] = Only(Operator), ["ChangeCentreMode"] = Scoped(CentreRunners),
        ["ListCourses"] = Anyone, ["GetCourse"] = Anyone, ["CreateCourse"] = Scoped(CentreRunners),
        ["ChangeCourseCapacity"] = Scoped(CentreRunners), ["PublishCourse"] = Scoped(CentreRunners),
        ["ArchiveCourse"] = Scoped(CentreRunners),
        ["ListLiveClasses"] = Anyone, ["ScheduleLiveClass"] = Scoped(CentreRunners),
        ["MoveLiveClass"] = Scoped(CentreRunners), ["CancelLiveClass"] = Scoped(CentreRunners),
        ["AddModule"] = Scoped(CentreRunners), ["ReorderModules"] = Scoped(CentreRunners),
        ["AddLesson"] = Scoped(CentreRunners), ["EditLesson"] = Scoped(CentreRunners),
        ["ReorderLessons"] = Scoped(CentreRunners),
        ["ListSeasons"] = Anyone, ["CreateSeason"] = Only(Operator),
        ["ListAssociations"] = Only(Operator), ["GetAssociation"] = Scoped(AssociationManager, Operator), ["CreateAssociation"] = Only(Operator),
        ["EditAssociation"] = Only(Operator), ["AssignCentreAssociation"] = Only(Operator),
        // centre pauses (issue 18): operators decide them; anyone sees a centre's banner
        ["GetCentrePause"] = Anyone, ["PreviewCentrePause"] = Only(Operator), ["PauseCentres"] = Only(Operator),
        ["ListCentrePauses"] = Only(Operator), ["GetCentrePauseDetails"] = Only(Operator), ["ResumeCentres"] = Only(Operator),
        ["GetCentrePauseBanner"] = Anyone, ["MyCentrePauses"] = SignedIn,
        // enrollment
        ["GetCourseSeats"] = Anyone, ["GetWaitingList"] = Scoped(CentreRunners), ["GetAttendance"] = Scoped(CentreRunners),
        ["GetCourseProgress"] = Scoped(CentreRunners), ["ExportCourseProgress"] = Scoped(CentreRunners),
        ["ExportPreRegistrations"] = Scoped(CentreRunners),
        ["VerifyCertificate"] = Anyone, ["PrintCertificate"] = Anyone,
        ["RevokeCertificate"] = Scoped(CentreRunners),
        ["ReviewPreRegistrations"] = Scoped(CentreRunners), ["ApprovePreRegistration"] = Scoped(CentreRunners),
        ["RejectPreRegistration"] = Scoped(CentreRunners), ["RequestInformation"] = Scoped(CentreRunners),
        ["GetEnrollment"] = Scoped([Beneficiary, .. CentreRunners]), ["WithdrawEnrollment"] = Scoped([Beneficiary, .. CentreRunners]),
        ["MyEnrollments"] = Only(Beneficiary),
        ["EnrollmentLessons"] = Scoped([Beneficiary, .. CentreRunners]), ["EnrollmentProgress"] = Scoped([Beneficiary, .. CentreRunners]),
        ["CompleteLesson"] = Scoped(Beneficiary), ["JoinLiveClass"] = Scoped(Beneficiary),
        ["MyNotifications"] = SignedIn, ["MarkNotificationRead"] = SignedIn,
        ["SubmitPreRegistration"] = Only(Beneficiary), ["GetPreRegistration"] = Scoped([Beneficiary, .. CentreRunners]),
        ["ReplyToInformationRequest"] = Scoped(Beneficiary), ["MyPreRegistrations"] = Only(Beneficiary),
        // notifications
        ["MySmsSettings"] = SignedIn, ["SetMySmsSettings"] = SignedIn, ["ListSms"] = Only(Operator), ["ReplaySms"] = Only(Operator),
        ["ReceiveSmsDeliveryReport"] = new(null, Signed: true), ["ReceiveSmsReply"] = new(null, Signed: true),
        // every service
        ["ListDeadLetters"] = Only(Operator), ["ReplayDeadLetter"] = Only(Operator),
        ["ReplayAllDeadLetters"] = Only(Operator), ["DiscardDeadLetter"] = Only(Operator),
        ["SeedDemoData"] = Only(Operator),
    };

    public sealed record Operation(string Service, HttpMethod Method, string Path, string Id, bool TakesJson);

    /// <summary>Every operation a service's OpenAPI document lists, with path parameters filled with fresh values.</summary>
    public static async Task<List<Operation>> OperationsOf(HttpClient gateway, string service)
    {
        using var document = JsonDocument.Parse(await gateway.GetStringAsync($"/api/{service}/openapi/v1.json"));
        var operations = new List<Operation>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            var concrete = Regex.Replace(path.Name, "{[^}]+}", _ => Guid.NewGuid().ToString());
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (!operation.Value.TryGetProperty("operationId", out var id)) continue;
                var takesJson = operation.Value.TryGetProperty("requestBody", out var body)
                    && body.GetProperty("content").TryGetProperty("application/json", out _);
                operations.Add(new Operation(service, new HttpMethod(operation.Name.ToUpperInvariant()), concrete, id.GetString()!, takesJson));
            }
        }
        return operations;
    }

    /// <summary>The demo account of each role, as the run command seeds them.</summary>
    public static async Task<Dictionary<string, PlatformAccounts.Session>> DemoSessionsAsync(PlatformAccounts accounts)
    {
        var logins = new Dictionary<string, string>
        {
            [Operator] = "operateur@tadamon.ma", [Buyer] = "acheteur@tadamon.ma", [CooperativeManager] = "cooperative@tadamon.ma",
            [CentreManager] = "centre@tadamon.ma", [Beneficiary] = "0612345678", [AssociationManager] = "association@tadamon.ma",
        };
        var sessions = new Dictionary<string, PlatformAccounts.Session>();
        foreach (var (role, login) in logins) sessions[role] = await accounts.SignInAsync(login, PlatformAccounts.DemoPassword);
        return sessions;
    }
}
