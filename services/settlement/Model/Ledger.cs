namespace Tadamon.Settlement.Model;

/// <summary>The ledger's accounts. A cooperative's account is <c>cooperative:{id}</c>; the others are one each.</summary>
public static class Accounts
{
    /// <summary>Cash the courier collected for us and has not remitted (an asset: positive = the courier owes us).</summary>
    public const string CourierCash = "courier-cash";
    /// <summary>The agency's bank account (an asset).</summary>
    public const string Bank = "bank";
    /// <summary>Fees the courier withheld, less those charged to cooperatives (the agency's net delivery cost).</summary>
    public const string DeliveryFees = "delivery-fees";
    /// <summary>Amounts written off by an operator (shortfalls absorbed, surpluses kept).</summary>
    public const string Adjustments = "adjustments";

    public const string CooperativePrefix = "cooperative:";

    /// <summary>What the agency owes one cooperative (a liability: a negative balance is money owed to it).</summary>
    public static string Cooperative(Guid id) => $"{CooperativePrefix}{id}";

    public static Guid? CooperativeOf(string code) =>
        code.StartsWith(CooperativePrefix, StringComparison.Ordinal) && Guid.TryParse(code[CooperativePrefix.Length..], out var id) ? id : null;
}

/// <summary>
/// An account and its maintained balance. Debits are positive, credits negative, so every entry's lines sum to zero
/// and so does the whole ledger. <see cref="BalanceMad"/> is kept by <c>SettlementDbContext</c> in the same
/// transaction as the lines (an atomic increment, never a read-modify-write); it must always equal their sum.
/// </summary>
public sealed class LedgerAccount
{
    public required string Code { get; init; }
    public Guid? CooperativeId { get; init; }
    public decimal BalanceMad { get; init; }
}

/// <summary>
/// One movement of money, posted once for its source (an event, a remittance line, an operator's action): the
/// unique <see cref="SourceId"/> makes every posting idempotent. Never edited nor deleted; a mistake is undone by
/// another entry whose lines are the opposite.
/// </summary>
public sealed class JournalEntry
{
    public Guid Id { get; private init; } = Guid.CreateVersion7();
    public string SourceId { get; private init; } = "";
    public string Kind { get; private init; } = "";
    public string Description { get; private init; } = "";
    public DateTimeOffset PostedAt { get; private init; }
    public List<JournalLine> Lines { get; private init; } = [];

    private JournalEntry() { }

    public static JournalEntry Create(string sourceId, string kind, string description, DateTimeOffset at, params (string Account, decimal AmountMad)[] lines)
    {
        var kept = lines.Where(l => l.AmountMad != 0m).ToList();
        if (kept.Any(l => decimal.Round(l.AmountMad, 2) != l.AmountMad))
            throw new InvalidOperationException($"Entry {sourceId}: amounts are in MAD with two decimals.");
        if (kept.Sum(l => l.AmountMad) != 0m)
            throw new InvalidOperationException($"Entry {sourceId} does not balance: its lines sum to {kept.Sum(l => l.AmountMad)}.");
        var entry = new JournalEntry { SourceId = sourceId, Kind = kind, Description = description, PostedAt = at };
        entry.Lines.AddRange(kept.Select(l => new JournalLine { EntryId = entry.Id, AccountCode = l.Account, AmountMad = l.AmountMad }));
        return entry;
    }

    /// <summary>The opposite of <paramref name="original"/>: together they change nothing.</summary>
    public static JournalEntry Reversal(JournalEntry original, string sourceId, string description, DateTimeOffset at) =>
        Create(sourceId, "reversal", description, at, original.Lines.Select(l => (l.AccountCode, -l.AmountMad)).ToArray());
}

public sealed class JournalLine
{
    public long Id { get; init; }
    public Guid EntryId { get; init; }
    public required string AccountCode { get; init; }
    public decimal AmountMad { get; init; }
}
