using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;
using Tadamon.Catalog.Infrastructure;

namespace Tadamon.Catalog.Photos;

/// <summary>Where an S3-compatible object store is (<c>Photos:S3</c>); production gives its own keys as secrets.</summary>
public sealed class S3PhotoOptions
{
    public string ServiceUrl { get; set; } = "";
    public string Bucket { get; set; } = "tadamon-photos";
    public string Region { get; set; } = "us-east-1";
    public string AccessKey { get; set; } = "";
    public string SecretKey { get; set; } = "";
}

/// <summary>
/// Renditions as objects <c>{hash}/{width}.webp</c> in one bucket, for a deployment that keeps pictures out of
/// PostgreSQL. Objects are named by their content, so writing one twice is harmless and an upload whose database
/// transaction fails leaves at most an unlisted object behind, never a listed photo without its bytes.
/// </summary>
public sealed class S3PhotoStore(IAmazonS3 s3, IOptions<S3PhotoOptions> options, CatalogDbContext db) : IPhotoStore
{
    private string Bucket => options.Value.Bucket;

    private static string Key(string hash, int width) => $"{hash}/{width}.webp";

    public async Task SaveAsync(string hash, IReadOnlyList<Rendition> renditions, CancellationToken ct)
    {
        foreach (var r in renditions)
        {
            using var body = new MemoryStream(r.Bytes, writable: false);
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = Bucket, Key = Key(hash, r.Width), InputStream = body, ContentType = "image/webp",
                UseChunkEncoding = false, // S3-compatible stores do not all take aws-chunked bodies
            }, ct);
        }
    }

    public async Task<StoredRendition?> FindAsync(string hash, int width, CancellationToken ct)
    {
        try
        {
            using var found = await s3.GetObjectAsync(Bucket, Key(hash, width), ct);
            using var bytes = new MemoryStream();
            await found.ResponseStream.CopyToAsync(bytes, ct);
            return new StoredRendition(hash, width, bytes.ToArray());
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Runs inside the removal's transaction, which already no longer lists the photo: a picture another product
    /// still shows is kept. Removal is for privacy too (a manager takes a photo down because of who is in it), so
    /// the objects go now rather than with a later sweep.
    /// </summary>
    public async Task DeleteIfUnusedAsync(string hash, CancellationToken ct)
    {
        if (await PostgresPhotoStore.IsShownAsync(db, hash, ct)) return;
        var listed = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = Bucket, Prefix = $"{hash}/" }, ct);
        if (listed.S3Objects is not { Count: > 0 } objects) return;
        await s3.DeleteObjectsAsync(new DeleteObjectsRequest
        {
            BucketName = Bucket,
            Objects = [.. objects.Select(o => new KeyVersion { Key = o.Key })],
        }, ct);
    }
}

public static class PhotoStorage
{
    /// <summary>
    /// Catalog's own PostgreSQL by default; <c>Photos:Store=s3</c> with <c>Photos:S3:*</c> puts renditions in an
    /// S3-compatible bucket instead (path-style addressing, so MinIO, Ceph or Garage work as well as AWS).
    /// </summary>
    public static IHostApplicationBuilder AddPhotoStore(this IHostApplicationBuilder builder)
    {
        if (!string.Equals(builder.Configuration["Photos:Store"], "s3", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddScoped<IPhotoStore, PostgresPhotoStore>();
            return builder;
        }
        builder.Services.AddOptions<S3PhotoOptions>().BindConfiguration("Photos:S3")
            .Validate(o => Uri.TryCreate(o.ServiceUrl, UriKind.Absolute, out _), "Photos:S3:ServiceUrl must be an absolute URL.")
            .Validate(o => o.AccessKey.Length > 0 && o.SecretKey.Length > 0, "Photos:S3:AccessKey and Photos:S3:SecretKey are required.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IAmazonS3>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<S3PhotoOptions>>().Value;
            return new AmazonS3Client(new BasicAWSCredentials(o.AccessKey, o.SecretKey), new AmazonS3Config
            {
                ServiceURL = o.ServiceUrl,
                AuthenticationRegion = o.Region,
                ForcePathStyle = true,
                // Checksums only where S3 requires them: other S3-compatible stores refuse the newer trailers.
                RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
                ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            });
        });
        builder.Services.AddScoped<IPhotoStore, S3PhotoStore>();
        return builder;
    }
}
