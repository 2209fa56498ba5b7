using Tadamon.Web;
using Tadamon.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddWebFrontends();

var app = builder.Build();
// Started as the migration step (--migrate): the key table is ready, nothing to serve.
if (await app.MigrateKeyStoreAsync()) return;
app.UseWebFrontends();
app.Run();
