package dev.verdict.train.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one-line documentation of a config field. {@link ConfigDocs} writes it as the comment above the field in
 * every printed or saved config, so recipes, {@code --print-config} and the code share one source.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Doc {
    String value();
}
