package dev.verdict.serve;

import dev.verdict.image.ImageException;
import dev.verdict.image.ImageLimits;
import dev.verdict.image.Images;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Turns the image strings of a request into decoded images, checking the limits before decoding: a {@code data:}
 * URL, bare base64, a file path (only under the configured image root), or an {@code http(s)} URL (fetched with a
 * short timeout; an unreachable one is a 400).
 */
final class ImageInputs {
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final Limits limits;
    private final Path root;
    private final ImageLimits imageLimits;
    private volatile HttpClient http;

    ImageInputs(Limits limits, Path root) {
        this.limits = limits;
        this.root = root == null ? null : root.toAbsolutePath().normalize();
        this.imageLimits = new ImageLimits(limits.maxImagePixels(), limits.maxImageBytes());
    }

    /** Decodes {@code refs}; errors name {@code field[i]}. */
    List<BufferedImage> decodeAll(List<String> refs, String field) {
        if (refs.size() > limits.maxImages()) {
            throw ApiException.tooLarge(
                    field, refs.size() + " images given; this server takes at most " + limits.maxImages());
        }
        List<BufferedImage> out = new ArrayList<>(refs.size());
        for (int i = 0; i < refs.size(); i++) {
            out.add(decode(refs.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    BufferedImage decode(String ref, String field) {
        String s = ref.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("data:")) {
                return Images.fromDataUrl(s, imageLimits);
            }
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                return Images.decode(fetch(s, field), s, imageLimits);
            }
            if (lower.startsWith("file:") || looksLikePath(s)) {
                return Images.read(resolve(s, field), imageLimits);
            }
            return Images.decode(base64(s, field), "<base64>", imageLimits);
        } catch (ImageException e) {
            boolean tooBig = e.getMessage().contains("over the limit");
            throw new ApiException(tooBig ? 413 : 400, "cannot use image: " + e.getMessage(), field);
        }
    }

    private static boolean looksLikePath(String s) {
        return s.startsWith("/")
                || s.startsWith("./")
                || s.startsWith("../")
                || s.matches("(?s)[^\\s]{1,255}\\.[A-Za-z]{3,4}");
    }

    private Path resolve(String s, String field) {
        if (root == null) {
            throw ApiException.badRequest(
                    field, "image file paths are disabled: start the server with --image-root DIR, or send data URLs");
        }
        Path p = s.toLowerCase(Locale.ROOT).startsWith("file:") ? Path.of(URI.create(s)) : Path.of(s);
        Path resolved = root.resolve(p).toAbsolutePath().normalize();
        if (!resolved.startsWith(root)) {
            throw ApiException.badRequest(field, "image path " + s + " is outside the image root");
        }
        return resolved;
    }

    private byte[] base64(String s, String field) {
        if (s.length() * 3L / 4 > limits.maxImageBytes()) {
            throw ApiException.tooLarge(field, "the base64 image exceeds " + limits.maxImageBytes() + " bytes");
        }
        try {
            return Base64.getMimeDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(
                    field, "not a data URL, http(s) URL, file path or base64 image: " + e.getMessage());
        }
    }

    private byte[] fetch(String url, String field) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(FETCH_TIMEOUT)
                    .GET()
                    .build();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, "invalid image URL " + url + ": " + e.getMessage());
        }
        try {
            HttpResponse<InputStream> r = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw ApiException.badRequest(field, "image URL " + url + " answered HTTP " + r.statusCode());
                }
                byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxImageBytes() + 1));
                if (data.length > limits.maxImageBytes()) {
                    throw ApiException.tooLarge(
                            field, "image at " + url + " exceeds " + limits.maxImageBytes() + " bytes");
                }
                return data;
            }
        } catch (IOException e) {
            throw ApiException.badRequest(field, "cannot fetch image URL " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.badRequest(field, "interrupted while fetching " + url);
        }
    }

    private HttpClient client() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) {
                    http = HttpClient.newBuilder()
                            .connectTimeout(FETCH_TIMEOUT)
                            .followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
                }
                c = http;
            }
        }
        return c;
    }
}
