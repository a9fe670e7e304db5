package dev.verdict.train.sft;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a supervised run trains on: an indexed set of examples, built on demand (images are decoded when a
 * batch needs them), with an id for error messages and skipped-batch dumps.
 */
public interface SftItems {
    int size();

    /** The example at {@code index} (0-based). */
    SftExample example(int index);

    /** A stable id of the item at {@code index}, as named in the data file. */
    String id(int index);

    /** The data files the items come from (hashed into the run's provenance). */
    List<Path> files();

    /**
     * The focus example of the item at {@code index} ({@link BlindFocus}), with or without its images, or null when
     * the item has none; only judgment items have them.
     */
    default SftExample focus(int index, Pattern focus, boolean images) {
        return null;
    }
}
