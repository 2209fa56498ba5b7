using Microsoft.Extensions.Configuration;
using Tadamon.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and RabbitMQ: containers where an engine answers, else local processes (see Infrastructure.cs).
var infra = builder.AddPlatformInfrastructure();
// Replicas=N runs N copies of every service a crowd reaches (catalog, orders, shipping, enrollment, courses, web,
// gateway); identity and the courier sandbox stay single.
var replicas = builder.Replicas();

var identity = builder.AddProject<Projects.Identity_Api>("identity").WithDatabaseAndBroker(infra, "identitydb")
    .WithTokenKeys(infra.StateDirectory).WithDemoDataCommand();
// Every service below references identity: it checks access tokens against identity's published keys.
var orders = builder.AddProject<Projects.Orders_Api>("orders").WithDatabaseAndBroker(infra, "ordersdb", replicas)
    .WithReference(identity);
// Catalog publishes the demo catalogue as it starts: orders' queues must exist by then, or the broker drops the
// events (an exchange without bindings) and the price book stays empty.
var catalog = builder.AddProject<Projects.Catalog_Api>("catalog").WithDatabaseAndBroker(infra, "catalogdb", replicas)
    .WithReference(identity).WithDemoDataCommand()
    .WaitFor(orders);

// The partner courier, played by the sandbox on a developer's machine. Shipping books through it and verifies its
// webhooks with the shared key: generated into the state folder on first start (a deployment gives the real one).
var courierSecret = builder.AddStateSecret("courier-webhook-secret", Path.Combine(infra.StateDirectory, "courier"), "webhook.secret",
    StateSecrets.NewWebhookSecret);
var courier = builder.AddProject<Projects.CourierSandbox>("courier-sandbox")
    .WithDirectEndpoint()
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Sandbox__SigningSecret", courierSecret)
    // How fast parcels move (tests speed the courier up; the sandbox's own default is a step every 3 s).
    .WithEnvironment("Sandbox__StepInterval", builder.Configuration["Courier:StepInterval"] ?? "00:00:03")
    // Courier:Mode=manual: the parcels wait for someone to move them by hand (see the README).
    .WithEnvironment("Sandbox__Mode", builder.Configuration["Courier:Mode"] ?? "automatic")
    // Dashboard buttons to make the courier misbehave on purpose and watch shipping cope.
    .WithHttpCommand("/control/tick", "Courier: move parcels one step", commandName: "courier-tick")
    .WithHttpCommand("/control/faults/fail-next-delivery", "Courier: fail the next delivery", commandName: "courier-fail-delivery")
    .WithHttpCommand("/control/faults/duplicates", "Courier: duplicates on/off", commandName: "courier-duplicates")
    .WithHttpCommand("/control/faults/out-of-order", "Courier: out-of-order on/off", commandName: "courier-out-of-order")
    .WithHttpCommand("/control/faults/unreachable", "Courier: outage on/off", commandName: "courier-unreachable")
    .WithHttpCommand("/control/faults/bad-signature", "Courier: next webhook badly signed", commandName: "courier-bad-signature")
    .WithHttpCommand("/control/faults/reset", "Courier: behave again", commandName: "courier-reset")
    // Remittances: the courier pays the agency what it collected on a cycle (00:00:00: only when asked).
    .WithEnvironment("Sandbox__Remittance__Cycle", builder.Configuration["Courier:RemittanceCycle"] ?? "00:02:00")
    .WithHttpCommand("/control/remittances/send", "Courier: remit now", commandName: "courier-remit")
    .WithHttpCommand("/control/remittances/faults/remit-twice", "Courier: next remittance lists a parcel twice", commandName: "courier-remit-twice")
    .WithHttpCommand("/control/remittances/faults/forget", "Courier: next remittance forgets a parcel", commandName: "courier-remit-forget")
    .WithHttpCommand("/control/remittances/faults/wrong-amount", "Courier: next remittance gets an amount wrong", commandName: "courier-remit-wrong")
    .WithHttpCommand("/control/remittances/faults/reset", "Courier: remit honestly again", commandName: "courier-remit-reset");
var shipping = builder.AddProject<Projects.Shipping_Api>("shipping").WithDatabaseAndBroker(infra, "shippingdb", replicas)
    .WithReference(identity)
    .WithReference(courier).WaitFor(courier)
    .WithEnvironment("Courier__BaseUrl", "http://courier-sandbox")
    .WithEnvironment("Courier__WebhookSecrets__0", courierSecret);
// The cooperatives' money: a ledger fed by orders' and shipping's events, and the courier's signed remittance
// statements (same key as its parcel news).
var settlement = builder.AddProject<Projects.Settlement_Api>("settlement").WithDatabaseAndBroker(infra, "settlementdb")
    .WithReference(identity)
    .WithEnvironment("Settlement__CourierWebhookSecrets__0", courierSecret);
// Catalog announces every demo seller's profile (region, value chain, Tathmine membership) as it starts: settlement's
// queue for them must be bound by then, as orders' is.
catalog.WaitFor(settlement);
// Enrollment publishes the demo certificate as it starts: catalog's queues (the trained-members badge) must exist by then.
var enrollment = builder.AddProject<Projects.Enrollment_Api>("enrollment").WithDatabaseAndBroker(infra, "enrollmentdb", replicas)
    .WithReference(identity)
    .WaitFor(catalog);
// Courses publishes the demo courses as it starts: enrollment's queues must be bound by then (as with catalog and
// orders above), or enrollment never learns of them.
var courses = builder.AddProject<Projects.Courses_Api>("courses").WithDatabaseAndBroker(infra, "coursesdb", replicas)
    .WithReference(identity).WithDemoDataCommand()
    .WaitFor(enrollment);

// The SMS gateway, played by the sandbox on a developer's machine: notifications sends through its HTTP API and
// verifies its delivery reports and phone replies with the shared key (generated into the state folder).
var smsSecret = builder.AddStateSecret("sms-webhook-secret", Path.Combine(infra.StateDirectory, "sms"), "webhook.secret",
    StateSecrets.NewWebhookSecret);
var smsGateway = builder.AddProject<Projects.SmsSandbox>("sms-sandbox")
    .WithDirectEndpoint()
    .WithHttpHealthCheck("/health")
    .WithEnvironment("Sandbox__SigningSecret", smsSecret)
    .WithEnvironment("Sandbox__ReportDelay", builder.Configuration["Sms:ReportDelay"] ?? "00:00:01")
    // Dashboard buttons to make the gateway misbehave on purpose and watch notifications cope.
    .WithHttpCommand("/control/faults/outage", "SMS: outage on/off", commandName: "sms-outage")
    .WithHttpCommand("/control/faults/slow", "SMS: slow answers on/off", commandName: "sms-slow")
    .WithHttpCommand("/control/faults/duplicate-reports", "SMS: duplicate delivery reports on/off", commandName: "sms-duplicate-reports")
    .WithHttpCommand("/control/faults/fail-next-delivery", "SMS: fail the next delivery", commandName: "sms-fail-delivery")
    .WithHttpCommand("/control/faults/reset", "SMS: behave again", commandName: "sms-reset");
// What people must hear about, by SMS: enrollment's notices and parcels out for delivery. Enrollment and orders
// publish what it consumes, so they wait for its queues (see catalog and orders above).
var notifications = builder.AddProject<Projects.Notifications_Api>("notifications").WithDatabaseAndBroker(infra, "notificationsdb")
    .WithReference(identity)
    .WithReference(smsGateway).WaitFor(smsGateway)
    .WithEnvironment("Sms__GatewayUrl", "http://sms-sandbox")
    .WithEnvironment("Sms__WebhookSecrets__0", smsSecret);
foreach (var (key, value) in builder.Configuration.GetSection("Sms").AsEnumerable(makePathsRelative: true))
{
    // Tests shorten the retries (Sms:FirstRetryDelay...) as they speed the courier up.
    if (value is not null && key != "ReportDelay") notifications.WithEnvironment($"Sms__{key.Replace(":", "__")}", value);
}
enrollment.WaitFor(notifications);
orders.WaitFor(notifications);

// The market (/) and the digital window (/learn): pages rendered on the server, which call the services as the
// signed-in person. Its cookie keys live in its own database (webdb), encrypted with a certificate, so every replica
// reads the others' cookies and a restart signs nobody out.
var webKeysCertificate = builder.AddStateSecret("web-keys-certificate", Path.Combine(infra.StateDirectory, "web"), "keys-certificate.pfx.b64",
    StateSecrets.NewKeyProtectionCertificate);
var web = builder.AddProject<Projects.Tadamon_Web>("web")
    .WithHttpHealthCheck("/health")
    .WithReference(infra.Database("webdb"))
    .WithReference(identity)
    .WithReference(catalog)
    .WithReference(orders)
    .WithReference(shipping)
    .WithReference(settlement)
    .WithReference(courses)
    .WithReference(enrollment)
    .WithEnvironment("Web__KeysCertificate", webKeysCertificate)
    .WithEnvironment("Web__Replicas", replicas.ToString())
    .WithMigrationStep(infra)
    .WithScaledOut(replicas);
foreach (var server in infra.Servers) web.WaitFor(server);
web.WithReference(notifications);

var gateway = builder.AddProject<Projects.Gateway>("gateway")
    .WithScaledOut(replicas, portSetting: "Endpoints:GatewayPort")
    // Each gateway enforces its share of every abuse limit (see ClientRateLimits).
    .WithEnvironment("Gateway__Replicas", replicas.ToString())
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithService(identity)
    .WithService(catalog)
    .WithService(orders)
    .WithService(shipping)
    .WithService(settlement)
    .WithService(courses)
    .WithService(enrollment)
    .WithService(web);
gateway.WithService(notifications);
// The gateway's abuse limits can be set from the AppHost's configuration (a load test lifts them this way).
foreach (var (key, value) in builder.Configuration.GetSection("Gateway:RateLimits").AsEnumerable(makePathsRelative: true))
{
    if (value is not null) gateway.WithEnvironment($"Gateway__RateLimits__{key.Replace(":", "__")}", value);
}

// The courier calls the platform's public webhook URL, as the real one would.
courier.WithEnvironment("Sandbox__WebhookUrl", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/webhooks/courier"));
// So does the SMS gateway, for its delivery reports and the replies phones send.
smsGateway.WithEnvironment("Sandbox__DeliveryReportUrl", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/webhooks/sms/delivery-reports"))
    .WithEnvironment("Sandbox__InboundUrl", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/webhooks/sms/replies"));

// Before the migration steps, which take their service's environment.
builder.ForwardToEveryProject("Telemetry:TraceSampleRatio", "Catalog:MarketCacheSeconds");
builder.AddMigrationSteps();
builder.RunBuiltProjectsWhenAsked();
builder.Build().Run();
