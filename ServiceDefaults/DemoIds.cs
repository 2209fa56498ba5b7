using System.Security.Cryptography;
using System.Text;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Stable ids for demo data, derived from a readable key ("centre:vocational-kelaa"), so that services seeding
/// separately agree on them: the demo centre manager's account in identity is scoped to the centre courses seeds.
/// </summary>
public static class DemoIds
{
    public static Guid Of(string key) => new(MD5.HashData(Encoding.UTF8.GetBytes("tadamon-demo:" + key)));

    /// <summary>The demo beneficiary's account id is <c>Of(BeneficiaryKey)</c>: catalog and enrollment seed her membership and certificate.</summary>
    public const string BeneficiaryKey = "beneficiary:1";
}
