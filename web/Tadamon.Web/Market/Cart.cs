namespace Tadamon.Web.Market;

/// <summary>
/// The basket, kept in a cookie (product id and quantity only; prices always come from the services), so it
/// works without an account and without JavaScript, and survives until checkout.
/// </summary>
public sealed class Cart(IHttpContextAccessor accessor)
{
    public const string Cookie = "tadamon-cart";
    public const int MaxLines = 20;
    public const int MaxQuantity = 100;

    public IReadOnlyDictionary<Guid, int> Lines => _lines ??= Read();
    private Dictionary<Guid, int>? _lines;

    public int Count => Lines.Values.Sum();

    public void Add(Guid product, int quantity) => Set(product, (Lines.TryGetValue(product, out var q) ? q : 0) + quantity);

    public void Set(Guid product, int quantity)
    {
        var lines = new Dictionary<Guid, int>(Lines);
        if (quantity <= 0) lines.Remove(product);
        else if (lines.ContainsKey(product) || lines.Count < MaxLines) lines[product] = Math.Min(quantity, MaxQuantity);
        Write(lines);
    }

    public void Clear() => Write([]);

    private Dictionary<Guid, int> Read()
    {
        var lines = new Dictionary<Guid, int>();
        var raw = accessor.HttpContext?.Request.Cookies[Cookie] ?? "";
        foreach (var part in raw.Split('.', StringSplitOptions.RemoveEmptyEntries).Take(MaxLines))
        {
            var bits = part.Split('-');
            if (bits.Length == 2 && Guid.TryParseExact(bits[0], "N", out var id) && int.TryParse(bits[1], out var q) && q is > 0 and <= MaxQuantity)
                lines[id] = q;
        }
        return lines;
    }

    private void Write(Dictionary<Guid, int> lines)
    {
        _lines = lines;
        var http = accessor.HttpContext ?? throw new InvalidOperationException("Only usable within a request.");
        var value = string.Join('.', lines.Select(l => $"{l.Key:N}-{l.Value}"));
        http.Response.Cookies.Append(Cookie, value, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Path = "/", MaxAge = TimeSpan.FromDays(30),
        });
    }
}
