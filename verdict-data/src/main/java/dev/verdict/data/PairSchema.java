package dev.verdict.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/**
 * verdict's own JSONL schema for a preference pair (documented in {@code docs/data.md}). One JSON object per
 * line:
 *
 * <pre>{@code
 * {"id": "train-000001", "group_id": "train-000001", "images": ["images/train/train-000001.png"],
 *  "question": "...", "response_1": "...", "response_2": "...", "preferred": 2,
 *  "category": "perception", "subset": "count", "meta": {"judgment": "<think>...</think><answer>2</answer>"}}
 * }</pre>
 *
 * <p>{@code images} entries are a path (relative to the image root, by default the file's folder), a {@code
 * data:} URL, or an object {@code {"bytes": "<base64>"}} / {@code {"path": "..."}}. {@code preferred} is 1, 2 or
 * null (unlabeled). {@code response_1}/{@code response_2} may also be spelled {@code answer_1}/{@code answer_2}.
 * {@code group_id}, {@code category}, {@code subset} and {@code meta} are optional.
 */
public final class PairSchema {
    public static final String ID = "id";
    public static final String GROUP_ID = "group_id";
    public static final String IMAGES = "images";
    public static final String QUESTION = "question";
    public static final String RESPONSE_1 = "response_1";
    public static final String RESPONSE_2 = "response_2";
    public static final String PREFERRED = "preferred";
    public static final String CATEGORY = "category";
    public static final String SUBSET = "subset";
    public static final String META = "meta";

    static final ObjectMapper JSON = new ObjectMapper();

    private PairSchema() {}

    /**
     * The JSON object of {@code pair}; file images are written relative to {@code relativeTo} when they lie
     * under it, in-memory images as {@code {"bytes": base64}}.
     */
    public static ObjectNode toJson(PairExample pair, Path relativeTo) {
        ObjectNode o = JSON.createObjectNode();
        o.put(ID, pair.id());
        o.put(GROUP_ID, pair.groupId());
        ArrayNode images = o.putArray(IMAGES);
        for (ImageRef ref : pair.images()) {
            switch (ref) {
                case ImageRef.FilePath f -> images.add(relative(f.path(), relativeTo));
                case ImageRef.Base64Text b -> images.add(b.text());
                case ImageRef.Bytes b ->
                    images.addObject().put("bytes", Base64.getEncoder().encodeToString(b.data()));
            }
        }
        o.put(QUESTION, pair.question());
        o.put(RESPONSE_1, pair.response1());
        o.put(RESPONSE_2, pair.response2());
        switch (pair.preferred()) {
            case ONE -> o.put(PREFERRED, 1);
            case TWO -> o.put(PREFERRED, 2);
            case UNKNOWN -> o.putNull(PREFERRED);
        }
        o.put(CATEGORY, pair.category());
        o.put(SUBSET, pair.subset());
        ObjectNode meta = o.putObject(META);
        for (Map.Entry<String, String> e : pair.source().entrySet()) {
            meta.put(e.getKey(), e.getValue());
        }
        return o;
    }

    private static String relative(Path p, Path base) {
        if (base != null && p.isAbsolute() == base.isAbsolute() && p.normalize().startsWith(base.normalize())) {
            return base.normalize().relativize(p.normalize()).toString().replace('\\', '/');
        }
        return p.toString();
    }
}
