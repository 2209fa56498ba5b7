using Tadamon.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

// PostgreSQL and RabbitMQ: containers where an engine answers, else local processes (see Infrastructure.cs).
var infra = builder.AddPlatformInfrastructure();

var catalog = builder.AddProject<Projects.Catalog_Api>("catalog").WithDatabaseAndBroker(infra, "catalogdb");
var orders = builder.AddProject<Projects.Orders_Api>("orders").WithDatabaseAndBroker(infra, "ordersdb");
var shipping = builder.AddProject<Projects.Shipping_Api>("shipping").WithDatabaseAndBroker(infra, "shippingdb");
var courses = builder.AddProject<Projects.Courses_Api>("courses").WithDatabaseAndBroker(infra, "coursesdb");
var enrollment = builder.AddProject<Projects.Enrollment_Api>("enrollment").WithDatabaseAndBroker(infra, "enrollmentdb");

builder.AddProject<Projects.Gateway>("gateway")
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health")
    .WithService(catalog)
    .WithService(orders)
    .WithService(shipping)
    .WithService(courses)
    .WithService(enrollment);

builder.Build().Run();
