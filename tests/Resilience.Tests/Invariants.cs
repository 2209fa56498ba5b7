using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Tadamon.TestSupport;
using Xunit.Abstractions;

namespace Tadamon.Resilience.Tests;

/// <summary>What must hold once the platform has recovered, read from the services' own databases and the history.</summary>
public sealed class Invariants(ResilientPlatform platform, ITestOutputHelper output)
{
    private static readonly string[] Terminal = ["Delivered", "Returned", "Rejected", "Cancelled"];

    public int Lost { get; private set; }
    public int Duplicated { get; private set; }
    public int DeadLettersReplayed { get; private set; }

    private async Task<NpgsqlConnection> OpenAsync(string database)
    {
        // Unpooled: a pooled connection would outlive a database restart and fail the first check after it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(await platform.ConnectionStringAsync(database)) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<List<T>> QueryAsync<T>(string database, string sql, Func<NpgsqlDataReader, T> row, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(database);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(row(reader));
        return rows;
    }

    public async Task<long> CountAsync(string database, string sql, params (string Name, object Value)[] parameters) =>
        (await QueryAsync(database, sql, r => r.GetInt64(0), parameters)).Single();

    private sealed record OrderRow(Guid Id, string Status, bool Paid, decimal Total, decimal? Cash);

    private Task<List<OrderRow>> OrdersOfAsync(Guid[] products) => QueryAsync("ordersdb",
        """
        SELECT o."Id", o."Status", o."PaidAt" IS NOT NULL, o."TotalMad", o."CashCollectedMad" FROM orders o
        WHERE EXISTS (SELECT 1 FROM order_lines l WHERE l."OrderId" = o."Id" AND l."ProductId" = ANY(@products))
        """, r => new OrderRow(r.GetGuid(0), r.GetString(1), r.GetBoolean(2), r.GetDecimal(3), r.IsDBNull(4) ? null : r.GetDecimal(4)),
        ("products", products));

    private static bool IsTerminal(OrderRow o) => Terminal.Contains(o.Status) && (o.Status != "Delivered" || o.Paid);

    /// <summary>
    /// Waits (as an operator would, replaying dead letters once) until every order of the flow has come to rest and
    /// every outbox is empty, then checks the marketplace's invariants.
    /// </summary>
    public async Task MarketAsync(MarketFlow flow, TimeSpan patience)
    {
        var products = flow.Products.Select(p => p.Id).ToArray();
        try
        {
            await SettleAsync(async () => (await OrdersOfAsync(products)).All(IsTerminal), "every order of the flow to reach a final state", patience);
        }
        finally
        {
            var left = await OrdersOfAsync(products);
            output.WriteLine($"orders of the flow: {string.Join(", ", left.GroupBy(o => o.Paid ? o.Status + " paid" : o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
        }
        var orders = await OrdersOfAsync(products);

        // Every acknowledged checkout: its orders exist, each at rest.
        var known = orders.ToDictionary(o => o.Id);
        var acknowledged = flow.Acknowledged.SelectMany(c => c.Orders).ToList();
        var missing = acknowledged.Where(id => !known.ContainsKey(id)).ToList();
        Lost += missing.Count;
        Assert.True(missing.Count == 0, $"acknowledged orders missing: {string.Join(", ", missing)}");
        var stuck = orders.Where(o => !IsTerminal(o)).ToList();
        Lost += stuck.Count;
        Assert.True(stuck.Count == 0, $"orders not at rest: {string.Join(", ", stuck.Select(o => $"{o.Id} {o.Status}"))}");

        // One purchase per Idempotency-Key, one shipment per order, paid exactly its total, once.
        var keys = flow.Acknowledged.Select(c => c.Key).ToArray();
        var twice = await QueryAsync("ordersdb", """SELECT "IdempotencyKey" FROM purchases WHERE "IdempotencyKey" = ANY(@keys) GROUP BY "BuyerId", "IdempotencyKey" HAVING count(*) > 1""",
            r => r.GetString(0), ("keys", keys));
        Duplicated += twice.Count;
        Assert.Empty(twice);
        var ids = orders.Select(o => o.Id).ToArray();
        var shipments = await QueryAsync("shippingdb",
            """SELECT "OrderId", count(*) FILTER (WHERE "Status" <> 'Cancelled'), max("CashCollectedMad") FROM shipments WHERE "OrderId" = ANY(@ids) GROUP BY "OrderId" """,
            r => (Order: r.GetGuid(0), Live: r.GetInt64(1), Cash: r.IsDBNull(2) ? (decimal?)null : r.GetDecimal(2)), ("ids", ids));
        var doubleShipped = shipments.Where(s => s.Live > 1).ToList();
        Duplicated += doubleShipped.Count;
        Assert.True(doubleShipped.Count == 0, $"orders with two live shipments: {string.Join(", ", doubleShipped.Select(s => s.Order))}");
        foreach (var delivered in orders.Where(o => o.Status == "Delivered"))
        {
            Assert.Equal(delivered.Total, delivered.Cash);
            Assert.Equal(delivered.Total, shipments.Single(s => s.Order == delivered.Id).Cash);
        }
        Assert.All(orders.Where(o => o.Status != "Delivered"), o => Assert.False(o.Paid, $"order {o.Id} is {o.Status} but paid"));
        // Each fact happened once: one OrderDelivered per order, one CashCollected per shipment.
        var repeated = await QueryAsync("ordersdb",
            """SELECT payload->>'orderId' FROM outbox_messages WHERE type LIKE '%OrderDelivered%' AND (payload->>'orderId')::uuid = ANY(@ids) GROUP BY 1 HAVING count(*) > 1""",
            r => r.GetString(0), ("ids", ids));
        repeated.AddRange(await QueryAsync("shippingdb",
            """SELECT payload->>'orderId' FROM outbox_messages WHERE type LIKE '%CashCollected%' AND (payload->>'orderId')::uuid = ANY(@ids) GROUP BY 1 HAVING count(*) > 1""",
            r => r.GetString(0), ("ids", ids)));
        Duplicated += repeated.Count;
        Assert.True(repeated.Count == 0, $"delivered or paid twice: {string.Join(", ", repeated)}");

        // One trace per order across services: the outbox keeps the trace parent of the change that raised an event,
        // so catalog's answer to an order carries the trace id of the checkout that placed it.
        var traces = await QueryAsync("ordersdb",
            """SELECT payload->>'orderId', substring(trace_parent from 4 for 32) FROM outbox_messages WHERE type LIKE '%OrderPlaced%' AND (payload->>'orderId')::uuid = ANY(@ids)""",
            r => (Order: r.GetString(0), Trace: r.IsDBNull(1) ? null : r.GetString(1)), ("ids", ids));
        var answers = (await QueryAsync("catalogdb",
            """SELECT payload->>'orderId', substring(trace_parent from 4 for 32) FROM outbox_messages WHERE type ~ 'StockReserved|StockReservationRejected' AND (payload->>'orderId')::uuid = ANY(@ids)""",
            r => (Order: r.GetString(0), Trace: r.IsDBNull(1) ? null : r.GetString(1)), ("ids", ids))).ToLookup(a => a.Order, a => a.Trace);
        Assert.All(traces, placed =>
        {
            Assert.NotNull(placed.Trace);
            Assert.All(answers[placed.Order], trace => Assert.Equal(placed.Trace, trace));
        });
        Assert.True(answers.Count > 0, "catalog answered no order of the flow");

        // Stock conserved per product: what is left, what is held and what was sold make up what there was.
        // The last releases may still be on their way when the orders are at rest (a copy killed mid-batch hands its
        // messages back to the broker, and the other copy takes them): held stock must reach zero, within patience.
        var stock = await StockAsync();
        try
        {
            await SettleAsync(async () => (stock = await StockAsync()).All(s => s.Reserved == 0), "held stock to be released", patience);
        }
        catch (TimeoutException) { } // the assertions below name the product that still holds stock
        Task<List<(Guid Product, int Available, int Reserved, int Sold)>> StockAsync() => QueryAsync("catalogdb",
            """
            SELECT p."Id", p."StockAvailable", p."StockReserved",
                   coalesce((SELECT sum(l."Quantity") FROM stock_reservation_lines l JOIN stock_reservations r ON r."OrderId" = l."OrderId"
                             WHERE l."ProductId" = p."Id" AND r."Status" = 'Committed'), 0)::int
            FROM products p WHERE p."Id" = ANY(@products)
            """, r => (Product: r.GetGuid(0), Available: r.GetInt32(1), Reserved: r.GetInt32(2), Sold: r.GetInt32(3)), ("products", products));
        var sold = await QueryAsync("ordersdb",
            """SELECT l."ProductId", sum(l."Quantity")::int FROM order_lines l JOIN orders o ON o."Id" = l."OrderId" WHERE o."Status" = 'Delivered' AND l."ProductId" = ANY(@products) GROUP BY 1""",
            r => (Product: r.GetGuid(0), Quantity: r.GetInt32(1)), ("products", products));
        foreach (var s in stock)
        {
            Assert.True(s.Available + s.Reserved + s.Sold == MarketFlow.InitialStock,
                $"product {s.Product}: {s.Available} available + {s.Reserved} reserved + {s.Sold} sold != {MarketFlow.InitialStock}");
            Assert.True(s.Reserved == 0, $"product {s.Product}: {s.Reserved} still reserved with every order at rest");
            Assert.Equal(sold.SingleOrDefault(x => x.Product == s.Product).Quantity, s.Sold);
        }
        await SettlementAsync(orders, patience);
        output.WriteLine($"market: {flow.Attempted} checkouts tried, {flow.Acknowledged.Count} acknowledged, {orders.Count} orders " +
            $"({string.Join(", ", orders.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}), {flow.Cancelled} cancelled by buyers");
    }

    /// <summary>
    /// The money side of the same flow: every delivered parcel's cash posted exactly once in settlement's ledger
    /// (and none kept for the others), the ledger summing to zero with every maintained balance equal to its lines,
    /// every remittance line matched or flagged, no payout paid twice.
    /// </summary>
    private async Task SettlementAsync(List<OrderRow> orders, TimeSpan patience)
    {
        var delivered = orders.Where(o => o.Status == "Delivered").Select(o => o.Id).ToArray();
        var others = orders.Where(o => o.Status != "Delivered").Select(o => o.Id).ToArray();
        const string Collected = """SELECT count(*) FROM journal_entries e JOIN parcels p ON e."SourceId" = 'collected:' || p."ShipmentId" WHERE p."OrderId" = ANY(@ids)""";
        await SettleAsync(async () => await CountAsync("settlementdb", Collected, ("ids", delivered)) == delivered.Length,
            "settlement to post every delivered parcel's cash", patience);
        Assert.Equal(delivered.Length, await CountAsync("settlementdb", Collected, ("ids", delivered)));
        // A parcel that came back has its cash reversed, if any was recorded; one never delivered has none.
        Assert.Equal(0, await CountAsync("settlementdb",
            """SELECT count(*) FROM parcels p WHERE p."OrderId" = ANY(@ids) AND p."CollectedAt" IS NOT NULL AND p."ReturnedAt" IS NULL""", ("ids", others)));
        Assert.Equal(0, await CountAsync("settlementdb", """SELECT count(*) FROM (SELECT 1 FROM journal_lines GROUP BY "EntryId" HAVING sum("AmountMad") <> 0) x"""));
        Assert.Equal(0, await CountAsync("settlementdb", """
            SELECT count(*) FROM ledger_accounts a
            LEFT JOIN (SELECT "AccountCode", sum("AmountMad") AS s FROM journal_lines GROUP BY 1) l ON l."AccountCode" = a.code
            WHERE a.balance_mad <> coalesce(l.s, 0)
            """));
        Assert.Equal(0, await CountAsync("settlementdb", "SELECT count(*) FROM (SELECT 1 FROM ledger_accounts HAVING sum(balance_mad) <> 0) x"));
        Assert.Equal(0, await CountAsync("settlementdb", """
            SELECT count(*) FROM remittance_lines l WHERE l."Outcome" <> 'Matched'
            AND NOT EXISTS (SELECT 1 FROM discrepancies d WHERE d."Subject" = l."Id"::text)
            """));
        Assert.Equal(0, await CountAsync("settlementdb", """SELECT count(*) FROM (SELECT 1 FROM journal_entries WHERE "Kind" = 'payout' GROUP BY "SourceId" HAVING count(*) > 1) x"""));
    }

    private sealed record SeatRow(Guid Course, int Capacity, int SeatsTaken, int WaitingCount, long Seated, long Waiting);

    /// <summary>Every approval holds exactly one seat or waiting place; no course over capacity; a list only behind a full course.</summary>
    public async Task WindowAsync(WindowFlow flow, TimeSpan patience)
    {
        var courses = flow.Courses.ToArray();
        var submitted = flow.Submitted.ToArray();
        var found = await CountAsync("enrollmentdb", """SELECT count(*) FROM pre_registrations WHERE "Id" = ANY(@ids)""", ("ids", submitted));
        Lost += submitted.Length - (int)found;
        Assert.Equal(submitted.Length, (int)found);
        var twice = await QueryAsync("enrollmentdb",
            """SELECT "BeneficiaryId" FROM pre_registrations WHERE "CourseId" = ANY(@courses) GROUP BY "BeneficiaryId", "CourseId" HAVING count(*) > 1""",
            r => r.GetString(0), ("courses", courses));
        Duplicated += twice.Count;
        Assert.Empty(twice);

        var places = await QueryAsync("enrollmentdb",
            """
            SELECT p."Id", p."Status", count(e."Id") FROM pre_registrations p LEFT JOIN enrollments e ON e."PreRegistrationId" = p."Id"
            WHERE p."CourseId" = ANY(@courses) GROUP BY p."Id", p."Status"
            """, r => (Id: r.GetGuid(0), Status: r.GetString(1), Places: r.GetInt64(2)), ("courses", courses));
        var approvedWithout = places.Where(p => p.Status == "Approved" && p.Places != 1).ToList();
        Assert.True(approvedWithout.Count == 0, $"approved pre-registrations without exactly one place: {string.Join(", ", approvedWithout)}");
        Assert.All(places.Where(p => p.Status is "Submitted" or "Rejected"), p => Assert.Equal(0, p.Places));
        var acknowledgedNotApproved = flow.ApprovedPreRegistrations.Except(places.Where(p => p.Status is "Approved" or "Withdrawn").Select(p => p.Id)).ToList();
        Lost += acknowledgedNotApproved.Count;
        Assert.Empty(acknowledgedNotApproved);
        Duplicated += places.Count(p => p.Places > 1);

        var seats = await QueryAsync("enrollmentdb",
            """
            SELECT s."CourseId", s."Capacity", s."SeatsTaken", s."WaitingCount",
                   count(e."Id") FILTER (WHERE e."Status" = 'Seated'), count(e."Id") FILTER (WHERE e."Status" = 'Waiting')
            FROM course_seats s LEFT JOIN enrollments e ON e."CourseId" = s."CourseId"
            WHERE s."CourseId" = ANY(@courses) GROUP BY s."CourseId", s."Capacity", s."SeatsTaken", s."WaitingCount"
            """, r => new SeatRow(r.GetGuid(0), r.GetInt32(1), r.GetInt32(2), r.GetInt32(3), r.GetInt64(4), r.GetInt64(5)), ("courses", courses));
        Assert.Equal(courses.Length, seats.Count);
        foreach (var s in seats)
        {
            Assert.True(s.Seated <= s.Capacity, $"course {s.Course}: {s.Seated} seated for {s.Capacity} seats");
            Assert.True(s.Waiting == 0 || s.Seated == s.Capacity, $"course {s.Course}: {s.Waiting} waiting beside a free seat ({s.Seated}/{s.Capacity})");
            Assert.Equal((s.Seated, s.Waiting), ((long)s.SeatsTaken, (long)s.WaitingCount));
        }
        output.WriteLine($"window: {flow.Attempted} pre-registrations tried, {submitted.Length} acknowledged, {flow.ApprovedPreRegistrations.Count} approvals acknowledged, " +
            $"{seats.Sum(s => s.Seated)} seated and {seats.Sum(s => s.Waiting)} waiting over {courses.Length} courses of {WindowFlow.Capacity} seats");
    }

    /// <summary>
    /// Once the cause is gone, an operator replays what the services parked in their <c>_error</c> queues (the
    /// runbook's move); the count goes into the figures, and <see cref="MessagesAsync"/> then requires them handled.
    /// </summary>
    public async Task ReplayDeadLettersAsync()
    {
        foreach (var service in ResilientPlatform.Services)
        {
            var list = await platform.Gateway.SendAsync("dead-letters", Logins.Operator, HttpMethod.Get, $"/api/{service}/operations/dead-letters");
            Assert.True(list?.Ok == true, $"dead letters of {service}: {list?.Status}");
            var count = list!.Body.GetArrayLength();
            if (count == 0) continue;
            output.WriteLine($"{service}: {count} dead letters, e.g. {string.Join("; ", list.Body.EnumerateArray().Take(2).Select(d => d.ToString()))}");
            DeadLettersReplayed += count;
            var replayed = await platform.Gateway.SendAsync("replay-dead-letters", Logins.Operator, HttpMethod.Post, $"/api/{service}/operations/dead-letters/replay-all");
            Assert.True(replayed?.Ok == true, $"replay of {service}'s dead letters: {replayed?.Status}");
        }
    }

    /// <summary>Every outbox row dispatched, every _error queue empty (what was parked was replayed and handled).</summary>
    public async Task MessagesAsync(TimeSpan patience)
    {
        await SettleAsync(async () =>
        {
            foreach (var database in ResilientPlatform.Databases)
            {
                if (await CountAsync(database, "SELECT count(*) FROM outbox_messages WHERE dispatched_at IS NULL") > 0) return false;
            }
            return true;
        }, "every outbox row to be dispatched", patience);
        foreach (var service in ResilientPlatform.Services)
        {
            var list = await platform.Gateway.SendAsync("dead-letters", Logins.Operator, HttpMethod.Get, $"/api/{service}/operations/dead-letters");
            Assert.True(list?.Body is { ValueKind: JsonValueKind.Array } parked && parked.GetArrayLength() == 0,
                $"{service} has dead letters nobody accounted for: {list?.Body}");
        }
    }

    private static async Task SettleAsync(Func<Task<bool>> done, string what, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await done()) return;
            }
            catch (NpgsqlException) when (clock.Elapsed < patience) { }
            if (clock.Elapsed > patience) throw new TimeoutException($"Timed out after {patience} waiting for {what}.");
            await Task.Delay(500);
        }
    }
}
