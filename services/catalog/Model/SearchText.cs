using System.Globalization;
using System.Text;

namespace Tadamon.Catalog.Model;

/// <summary>
/// Folds Arabic and French text so a search ignores case, accents and Arabic spelling variants:
/// "Huile d'ARGANE" matches "huile d'argane", "miel" matches "Miél", "زيت أركان" matches "زيت اركان".
/// The same fold runs on stored text (into a trigram-indexed column) and on the query.
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            // Latin accents and Arabic short vowels (harakat) are both non-spacing marks.
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(c switch
            {
                'أ' or 'إ' or 'آ' or 'ٱ' => 'ا',
                'ة' => 'ه',
                'ى' => 'ي',
                'ـ' => '\0', // tatweel only stretches letters
                _ => char.ToLowerInvariant(c),
            });
        }
        return string.Join(' ', folded.ToString().Replace("\0", "")
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
