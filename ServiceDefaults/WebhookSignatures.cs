using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Microsoft.Extensions.Hosting;

/// <summary>Checks a partner's webhook (Standard Webhooks: id, timestamp within 5 minutes, HMAC-SHA256 signature).</summary>
public static class WebhookSignatures
{
    /// <summary>True when any configured key verifies the call; during a key rotation the old and new keys both do.</summary>
    public static bool IsSigned(string body, IHeaderDictionary headers, IEnumerable<string> secrets, ILogger logger)
    {
        foreach (var secret in secrets.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            try
            {
                new StandardWebhook(secret).Verify(body, headers);
                return true;
            }
            catch (WebhookVerificationException ex)
            {
                logger.LogDebug("Webhook not verified by one key: {Reason}", ex.Message);
            }
        }
        logger.LogWarning("Webhook {WebhookId} refused: no key verifies its signature and timestamp", headers["webhook-id"].ToString());
        return false;
    }
}
