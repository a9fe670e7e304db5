package dev.verdict.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The one way to copy a record with some components changed, for configs and data records alike: {@code
 * Records.with(config, "port", 0, "maxQueue", 1)}. The copy goes through the canonical constructor, so it is
 * validated like any other instance; a component name the record lacks, or a value of the wrong type, is an
 * {@link IllegalArgumentException} naming the record, the component and the valid names. Adding a component to a
 * record needs no new method.
 */
public final class Records {
    private static final Map<Class<?>, Class<?>> BOXED = Map.of(
            int.class, Integer.class,
            long.class, Long.class,
            double.class, Double.class,
            float.class, Float.class,
            boolean.class, Boolean.class,
            short.class, Short.class,
            byte.class, Byte.class,
            char.class, Character.class);

    private Records() {}

    /**
     * A copy of {@code record} with the named components replaced.
     *
     * @param namesAndValues component name, new value, component name, new value, ...
     */
    public static <T extends Record> T with(T record, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "Records.with needs name, value pairs; got " + namesAndValues.length + " arguments");
        }
        Class<?> type = record.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = read(record, components[i]);
        }
        for (int p = 0; p < namesAndValues.length; p += 2) {
            int i = index(type, components, namesAndValues[p]);
            args[i] = convert(type, components[i], namesAndValues[p + 1]);
        }
        return construct(record, components, args);
    }

    private static Object read(Record record, RecordComponent c) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "." + c.getName(), e);
        }
    }

    private static int index(Class<?> type, RecordComponent[] components, Object name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        List<String> names =
                Arrays.stream(components).map(RecordComponent::getName).toList();
        throw new IllegalArgumentException(
                type.getSimpleName() + " has no component '" + name + "'; it has " + String.join(", ", names));
    }

    /** The value as the component's type: boxed primitives as they are, numbers widened to a wider primitive. */
    private static Object convert(Class<?> type, RecordComponent c, Object value) {
        Class<?> target = c.getType();
        if (target.isPrimitive()) {
            if (value == null) {
                throw new IllegalArgumentException(type.getSimpleName() + "." + c.getName() + " cannot be null");
            }
            if (BOXED.get(target).isInstance(value)) {
                return value;
            }
            if (value instanceof Number n && (target == long.class || target == double.class)) {
                boolean integral = value instanceof Integer || value instanceof Short || value instanceof Byte;
                if (target == long.class && integral) {
                    return n.longValue();
                }
                if (target == double.class && !(value instanceof Double)) {
                    return n.doubleValue();
                }
            }
        } else if (value == null || target.isInstance(value)) {
            return value;
        }
        throw new IllegalArgumentException(type.getSimpleName() + "." + c.getName() + " is a " + target.getSimpleName()
                + ", not a " + value.getClass().getSimpleName() + " (" + value + ")");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Record> T construct(T record, RecordComponent[] components, Object[] args) {
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (T) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r; // the record's own validation, as it would be thrown by new
            }
            throw new IllegalStateException("cannot build " + record.getClass().getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + record.getClass().getSimpleName(), e);
        }
    }
}
