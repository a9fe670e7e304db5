package dev.verdict.data.synth;

import java.util.List;

/**
 * Base-model pretraining data for one image: a caption, short question-answer pairs and dense per-cell labels.
 *
 * @param id item id ({@code pretrain-000042})
 * @param scene what the image shows
 * @param caption the full scene description
 * @param qa short-answer questions about the image
 * @param cells per-cell class labels, row-major: 0 empty, else {@code 1 + colour * shapes + shape}
 */
public record PretrainItem(String id, Scene scene, String caption, List<QA> qa, int[] cells) {
    /** A question and its one-word answer. */
    public record QA(String question, String answer) {}
}
