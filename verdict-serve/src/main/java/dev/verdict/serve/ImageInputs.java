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
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the image strings of a request into decoded images, checking the limits before decoding: a {@code data:}
 * URL, bare base64, a file path (only under the configured image root, symbolic links resolved before the check), or
 * an {@code http(s)} URL (fetched with a short timeout; an unreachable one is a 400). Errors name the field and the
 * client's own reference and say what is wrong in a few words; they never carry a byte of a file or a path of this
 * machine (the server log has the full message).
 */
final class ImageInputs {
    private static final Logger LOG = LoggerFactory.getLogger(ImageInputs.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final Limits limits;
    private final Path root;
    private final ImageLimits imageLimits;
    private volatile HttpClient http;

    ImageInputs(Limits limits, Path root) {
        this.limits = limits;
        this.root = root == null ? null : realRoot(root);
        this.imageLimits = new ImageLimits(limits.maxImagePixels(), limits.maxImageBytes());
    }

    private static Path realRoot(Path root) {
        try {
            return root.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--image-root " + root + " does not exist", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("--image-root " + root + ": cannot resolve it: " + e, e);
        }
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
            // the client hears what went wrong with its own input; paths and bytes of this machine stay in the log
            LOG.info("{}: {}", field, e.getMessage());
            boolean tooBig = e.reason() == ImageException.Reason.TOO_LARGE;
            String limitsText = tooBig
                    ? " (at most " + limits.maxImageBytes() + " bytes and " + limits.maxImagePixels() + " pixels)"
                    : "";
            throw new ApiException(
                    tooBig ? 413 : 400,
                    "cannot use image " + shown(s) + ": " + e.reason().text() + limitsText,
                    field);
        }
    }

    /** The client's image reference as an error may repeat it: short ones whole, encoded data by its kind. */
    private static String shown(String ref) {
        String lower = ref.toLowerCase(Locale.ROOT);
        if (lower.startsWith("data:")) {
            return "(a data URL)";
        }
        boolean pathOrUrl = lower.startsWith("file:") || lower.startsWith("http") || looksLikePath(ref);
        if (!pathOrUrl) {
            return "(base64 data)";
        }
        return "'" + (ref.length() > 200 ? ref.substring(0, 200) + "..." : ref) + "'";
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
        Path p;
        try {
            p = s.toLowerCase(Locale.ROOT).startsWith("file:") ? Path.of(URI.create(s)) : Path.of(s);
        } catch (IllegalArgumentException | FileSystemNotFoundException e) {
            throw ApiException.badRequest(field, "'" + s + "' is not a valid file path or file URL");
        }
        Path resolved = root.resolve(p).toAbsolutePath().normalize();
        if (!resolved.startsWith(root)) {
            throw outside(field, s);
        }
        Path real;
        try {
            real = resolved.toRealPath(); // follows symbolic links, so a link cannot lead out of the root
        } catch (NoSuchFileException e) {
            throw ApiException.badRequest(field, "cannot use image '" + s + "': file not found");
        } catch (IOException e) {
            LOG.info("{}: {}: {}", field, resolved, e.toString());
            throw ApiException.badRequest(field, "cannot use image '" + s + "': the file cannot be read");
        }
        if (!real.startsWith(root)) {
            throw outside(field, s);
        }
        return real;
    }

    private static ApiException outside(String field, String s) {
        return ApiException.badRequest(field, "image path '" + s + "' is outside the image root");
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
