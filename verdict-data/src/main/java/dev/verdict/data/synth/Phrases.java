package dev.verdict.data.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every sentence template the world writes. Placeholders are {@code {name}}; everything else is literal. {@link
 * WorldVocabulary} reads the words of these templates, so all emitted text is covered by the tokenizer as long as
 * it is built from here (the vocabulary test checks that).
 */
final class Phrases {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)}");

    // perception: count of one colour x shape
    static final List<String> COUNT_Q =
            List.of("How many {colour} {plural} are there?", "Count the {colour} {plural} in the image.");
    static final List<String> COUNT_NONE = List.of("There are no {colour} {plural}.", "I see no {colour} {plural}.");
    static final List<String> COUNT_ONE = List.of("There is 1 {colour} {noun}.", "I count 1 {colour} {noun}.");
    static final List<String> COUNT_MANY =
            List.of("There are {n} {colour} {plural}.", "I count {n} {colour} {plural}.");
    static final String COUNT_TOPIC = "how many {colour} {plural} there are";

    // perception: attribute of one cell
    static final List<String> CELL_COLOUR_Q = List.of(
            "What colour is the shape in row {row}, column {col}?",
            "Which colour does the shape in row {row}, column {col} have?");
    static final List<String> CELL_COLOUR_A =
            List.of("It is {colour}.", "The shape there is {colour}.", "That shape is {colour}.");
    static final String CELL_COLOUR_TOPIC = "the colour of the shape in row {row}, column {col}";
    static final String CELL_COLOUR_FACT = "the shape in row {row}, column {col} is {colour}";
    static final String CELL_COLOUR_CLAIM = "it is {colour}";
    static final List<String> CELL_SHAPE_Q =
            List.of("What shape is in row {row}, column {col}?", "Which shape is in row {row}, column {col}?");
    static final List<String> CELL_SHAPE_A =
            List.of("It is a {noun}.", "The shape there is a {noun}.", "That is a {noun}.");
    static final String CELL_SHAPE_TOPIC = "the shape in row {row}, column {col}";
    static final String CELL_SHAPE_FACT = "the shape in row {row}, column {col} is a {noun}";
    static final String CELL_SHAPE_CLAIM = "it is a {noun}";

    // perception: the colour of the only object of a shape (found by what it is, not where it is)
    static final List<String> SHAPE_COLOUR_Q =
            List.of("What colour is the {noun}?", "Which colour does the {noun} have?");
    static final List<String> SHAPE_COLOUR_A = List.of("The {noun} is {colour}.", "It is {colour}.");
    static final String SHAPE_COLOUR_TOPIC = "the colour of the {noun}";
    static final String SHAPE_COLOUR_FACT = "the {noun} is {colour}";

    // hallucination: existence and description
    static final List<String> EXIST_Q =
            List.of("Is there a {colour} {noun} in the image?", "Does the image contain a {colour} {noun}?");
    static final List<String> EXIST_YES =
            List.of("Yes, there is a {colour} {noun}.", "Yes, I can see a {colour} {noun}.");
    static final List<String> EXIST_NO =
            List.of("No, there is no {colour} {noun}.", "No, I cannot see a {colour} {noun}.");
    static final String EXIST_TOPIC = "whether there is a {colour} {noun}";
    static final String EXIST_YES_CLAIM = "there is a {colour} {noun}";
    static final String EXIST_NO_CLAIM = "there is no {colour} {noun}";
    static final List<String> SHAPE_EXIST_Q =
            List.of("Is there a {noun} in the image?", "Does the image contain a {noun}?");
    static final List<String> SHAPE_EXIST_YES = List.of("Yes, there is a {noun}.", "Yes, I can see a {noun}.");
    static final List<String> SHAPE_EXIST_NO = List.of("No, there is no {noun}.", "No, I cannot see a {noun}.");
    static final String SHAPE_EXIST_TOPIC = "whether there is a {noun}";
    static final String SHAPE_EXIST_YES_CLAIM = "there is a {noun}";
    static final String SHAPE_EXIST_NO_CLAIM = "there is no {noun}";
    /** The templates of a question answered by one value (a colour, a shape, a height), its answer and the teacher's words. */
    record OneValue(List<String> question, List<String> answer, String topic, String fact, String claim) {}

    static final OneValue CELL_COLOUR =
            new OneValue(CELL_COLOUR_Q, CELL_COLOUR_A, CELL_COLOUR_TOPIC, CELL_COLOUR_FACT, CELL_COLOUR_CLAIM);
    static final OneValue CELL_SHAPE =
            new OneValue(CELL_SHAPE_Q, CELL_SHAPE_A, CELL_SHAPE_TOPIC, CELL_SHAPE_FACT, CELL_SHAPE_CLAIM);
    static final OneValue SHAPE_COLOUR =
            new OneValue(SHAPE_COLOUR_Q, SHAPE_COLOUR_A, SHAPE_COLOUR_TOPIC, SHAPE_COLOUR_FACT, SHAPE_COLOUR_FACT);

    /** The templates of a yes/no existence question, its two answers and what the teacher says of each. */
    record YesNo(
            List<String> question, List<String> yes, List<String> no, String yesClaim, String noClaim, String topic) {}

    static final YesNo EXIST = new YesNo(EXIST_Q, EXIST_YES, EXIST_NO, EXIST_YES_CLAIM, EXIST_NO_CLAIM, EXIST_TOPIC);
    static final YesNo SHAPE_EXIST = new YesNo(
            SHAPE_EXIST_Q,
            SHAPE_EXIST_YES,
            SHAPE_EXIST_NO,
            SHAPE_EXIST_YES_CLAIM,
            SHAPE_EXIST_NO_CLAIM,
            SHAPE_EXIST_TOPIC);
    static final List<String> DESCRIBE_Q = List.of("Describe the image.", "What objects are in the image?");
    static final List<String> DESCRIBE_A =
            List.of("There are {n} shapes: {list}.", "The image shows {n} shapes: {list}.");
    static final String ITEM = "a {colour} {noun}";
    static final String DESCRIBE_TOPIC = "what the image shows";
    static final String DESCRIBE_FACT = "there is a {colour} {noun} and no {colour2} {noun2}";
    static final String DESCRIBE_CLAIM = "there is a {colour} {noun}";

    // reasoning: a sum and a difference, each step stated
    static final List<String> SUM_Q = List.of(
            "How many {plural} and {plural2} are there together?",
            "What is the number of {plural} plus the number of {plural2}?");
    static final List<String> SUM_A = List.of(
            "There are {a} {nouna} and {b} {nounb}, so {a} + {b} = {s}.",
            "I count {a} {nouna} and {b} {nounb}. {a} + {b} = {s}.");
    static final String SUM_TOPIC = "how many {plural} and {plural2} there are together";
    static final String SUM_FACT = "there are {a} {nouna} and {b} {nounb}, so the total is {s}";
    static final String SUM_CLAIM = "{a} + {b} = {s}";
    static final List<String> MINUS_Q =
            List.of("How many shapes are not {colour}?", "How many of the shapes are not {colour}?");
    static final List<String> MINUS_A = List.of(
            "There are {t} shapes in total and {k} of them are {colour}, so {t} - {k} = {m}.",
            "I count {t} shapes, {k} of them {colour}. {t} - {k} = {m}.");
    static final String MINUS_TOPIC = "how many shapes are not {colour}";
    static final String MINUS_FACT = "there are {t} shapes and {k} of them are {colour}, so {m} are not {colour}";
    static final String MINUS_CLAIM = "{t} - {k} = {m}";

    // reasoning: whether the only objects of two shapes share a colour (two look-ups, then a comparison)
    static final List<String> SAME_COLOUR_Q = List.of(
            "Do the {noun} and the {noun2} have the same colour?", "Are the {noun} and the {noun2} the same colour?");
    static final List<String> SAME_COLOUR_YES =
            List.of("Yes, the {noun} and the {noun2} are both {colour}.", "Yes, both are {colour}.");
    static final List<String> SAME_COLOUR_NO = List.of(
            "No, the {noun} is {colour} and the {noun2} is {colour2}.",
            "No, one is {colour} and the other is {colour2}.");
    static final String SAME_COLOUR_TOPIC = "whether the {noun} and the {noun2} have the same colour";
    static final String SAME_COLOUR_FACT = "the {noun} is {colour} and the {noun2} is {colour2}";
    static final String SAME_COLOUR_YES_CLAIM = "both are {colour}";
    static final String SAME_COLOUR_NO_CLAIM = "the {noun} is {colour} and the {noun2} is {colour2}";
    /** The look-up wording's fact: each shape's colour, then whether the second equals the first. */
    static final String SAME_COLOUR_CHAIN = "{noun} {colour} yes, {noun2} {colour2} {same}";

    // the teacher
    static final List<String> OPENERS = List.of("The question asks {topic}. ", "I need to check {topic}. ", "");
    static final List<String> FACTS = List.of(
            "Looking at the image, {fact}. ", "In the image, {fact}. ", "From the image I can tell that {fact}. ");
    static final List<String> RIGHT = List.of(
            "Response {r} says {claim}, which is correct. ", "Response {r} says {claim}, and that matches the image. ");
    static final List<String> WRONG = List.of(
            "Response {r} says {claim}, which is wrong. ",
            "Response {r} says {claim}, but that does not match the image. ");
    static final List<String> CONCLUSIONS = List.of(
            "So Response {w} is better.",
            "Therefore Response {w} is the better answer.",
            "Response {w} is right and Response {l} is not.");
    /** The look-up wording: a response quoted by one word, right after its number. */
    static final String QUOTE = "Response {r}: {word} {r}. ";
    /** The look-up wording's verdict: the fact's word, then the number written after its quote. */
    static final String LOOKUP = "So {word} {r}.";

    // bar charts: one bar per grid column, its height in cells
    static final List<String> BAR_Q =
            List.of("What is the height of the {colour} bar?", "How tall is the {colour} bar?");
    static final List<String> BAR_A = List.of("The {colour} bar has height {n}.", "Its height is {n}.");
    static final String BAR_TOPIC = "the height of the {colour} bar";
    static final String BAR_FACT = "the {colour} bar has height {n}";
    static final String BAR_CLAIM = "the {colour} bar has height {n}";
    static final OneValue BAR = new OneValue(BAR_Q, BAR_A, BAR_TOPIC, BAR_FACT, BAR_CLAIM);
    static final List<String> BAR_DIFF_Q = List.of(
            "How much taller is the {colour} bar than the {colour2} bar?",
            "By how much does the {colour} bar exceed the {colour2} bar?");
    static final List<String> BAR_DIFF_A = List.of(
            "The {colour} bar has height {a} and the {colour2} bar has height {b}, so {a} - {b} = {d}.",
            "The heights are {a} and {b}. {a} - {b} = {d}.");
    static final String BAR_DIFF_TOPIC = "how much taller the {colour} bar is than the {colour2} bar";
    static final String BAR_DIFF_FACT =
            "the {colour} bar has height {a} and the {colour2} bar has height {b}, so the difference is {d}";
    static final String BAR_DIFF_CLAIM = "{a} - {b} = {d}";
    static final String BAR_ITEM = "a {colour} bar of height {n}";
    static final String BAR_CAPTION = "A bar chart with {n} bars: {list}.";
    static final String BAR_COUNT_Q = "How many bars are there?";

    // pretraining
    static final String TOTAL_Q = "How many shapes are there?";
    static final List<String> SHORT = List.of("{n}", "{colour}", "{noun}", "yes", "no");

    /** Every template above, for the vocabulary (the order fixes the world tokenizer's ids: append only). */
    static List<String> all() {
        List<String> out = new ArrayList<>();
        for (List<String> l : templateLists()) {
            out.addAll(l);
        }
        out.addAll(singleTemplates());
        return out;
    }

    /** The answer, question and judgment template lists, in vocabulary order. */
    private static List<List<String>> templateLists() {
        return List.of(
                COUNT_Q,
                COUNT_NONE,
                COUNT_ONE,
                COUNT_MANY,
                CELL_COLOUR_Q,
                CELL_COLOUR_A,
                CELL_SHAPE_Q,
                CELL_SHAPE_A,
                EXIST_Q,
                EXIST_YES,
                EXIST_NO,
                SHAPE_COLOUR_Q,
                SHAPE_COLOUR_A,
                SHAPE_EXIST_Q,
                SHAPE_EXIST_YES,
                SHAPE_EXIST_NO,
                SAME_COLOUR_Q,
                SAME_COLOUR_YES,
                SAME_COLOUR_NO,
                DESCRIBE_Q,
                DESCRIBE_A,
                SUM_Q,
                SUM_A,
                MINUS_Q,
                MINUS_A,
                BAR_Q,
                BAR_A,
                BAR_DIFF_Q,
                BAR_DIFF_A,
                OPENERS,
                FACTS,
                RIGHT,
                WRONG,
                CONCLUSIONS,
                SHORT);
    }

    /** The single templates (topics, facts, claims, chains, captions), in vocabulary order. */
    private static List<String> singleTemplates() {
        return List.of(
                COUNT_TOPIC,
                CELL_COLOUR_TOPIC,
                CELL_COLOUR_FACT,
                CELL_COLOUR_CLAIM,
                CELL_SHAPE_TOPIC,
                CELL_SHAPE_FACT,
                CELL_SHAPE_CLAIM,
                EXIST_TOPIC,
                EXIST_YES_CLAIM,
                EXIST_NO_CLAIM,
                SHAPE_COLOUR_TOPIC,
                SHAPE_COLOUR_FACT,
                SHAPE_EXIST_TOPIC,
                SHAPE_EXIST_YES_CLAIM,
                SHAPE_EXIST_NO_CLAIM,
                SAME_COLOUR_TOPIC,
                SAME_COLOUR_FACT,
                SAME_COLOUR_YES_CLAIM,
                SAME_COLOUR_NO_CLAIM,
                SAME_COLOUR_CHAIN,
                QUOTE,
                LOOKUP,
                ITEM,
                DESCRIBE_TOPIC,
                DESCRIBE_FACT,
                DESCRIBE_CLAIM,
                SUM_TOPIC,
                SUM_FACT,
                SUM_CLAIM,
                MINUS_TOPIC,
                MINUS_FACT,
                MINUS_CLAIM,
                BAR_TOPIC,
                BAR_FACT,
                BAR_CLAIM,
                BAR_DIFF_TOPIC,
                BAR_DIFF_FACT,
                BAR_DIFF_CLAIM,
                BAR_ITEM,
                BAR_CAPTION,
                BAR_COUNT_Q,
                TOTAL_Q,
                ", ",
                " and ");
    }

    /** {@code template} with each placeholder replaced; a placeholder without a value is a bug. */
    static String fill(String template, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("no value for {" + m.group(1) + "} in: " + template);
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v.toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** A random template of {@code options}, filled. */
    static String pick(SplittableRandom rnd, List<String> options, Map<String, ?> values) {
        return fill(options.get(rnd.nextInt(options.size())), values);
    }

    /** The template text without its placeholders (for the vocabulary). */
    static String literalText(String template) {
        return PLACEHOLDER.matcher(template).replaceAll(" ");
    }

    /** "a, b and c" for a list of items. */
    static String list(List<String> items) {
        if (items.size() == 1) {
            return items.getFirst();
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    private Phrases() {}
}
