package dev.verdict.serve;

import dev.verdict.config.With;

/**
 * Request limits; a request over one answers 413 (body, images, pixels) or 400 (counts), naming the field.
 *
 * @param maxBodyBytes largest request body, in bytes
 * @param maxImages most images in one request
 * @param maxImagePixels largest width x height of one image (read from its header before decoding)
 * @param maxImageBytes largest encoded size of one image, in bytes
 * @param maxVotes most votes (samples) per judgment
 * @param maxTokens most new tokens one generation may ask for
 * @param maxResponses most responses one rank request may hold
 * @param maxQueries most queries one get_reward request may hold
 */
public record Limits(
        long maxBodyBytes,
        int maxImages,
        long maxImagePixels,
        long maxImageBytes,
        int maxVotes,
        int maxTokens,
        int maxResponses,
        int maxQueries)
        implements With<Limits> {

    /** 32 MiB bodies, 8 images of up to 16.7 Mpx and 16 MiB each, 32 votes, 4096 tokens, 32 responses, 512 queries. */
    public static final Limits DEFAULT = new Limits(32L << 20, 8, 4096L * 4096, 16L << 20, 32, 4096, 32, 512);

    public Limits {
        if (maxBodyBytes < 1
                || maxImages < 0
                || maxImagePixels < 1
                || maxImageBytes < 1
                || maxVotes < 1
                || maxTokens < 1
                || maxResponses < 2
                || maxQueries < 1) {
            throw new IllegalArgumentException("invalid limits: " + this);
        }
    }
}
