package io.tierwise.rules;

import dev.cel.runtime.CelVariableResolver;
import java.util.Optional;

/**
 * Variables that can also be read by a position fixed for their {@link #layout}, so that a
 * translated rule ({@link Translation}) or a {@link MemoizedRule} reads them without a lookup by
 * name per read. By name ({@link #find}) they are the value at the name's position.
 */
public interface PositionedVariables extends CelVariableResolver {
  @Override
  default Optional<Object> find(String name) {
    int position = position(name);
    return position < 0 ? Optional.empty() : Optional.ofNullable(valueAt(position));
  }

  /**
   * The position of variable {@code name}, the same for every instance of the same {@link #layout};
   * -1 for a name the layout does not know.
   */
  int position(String name);

  /**
   * What positions depend on, compared by identity: instances with the same layout give every name
   * the same position. By default the class (positions fixed for it).
   */
  default Object layout() {
    return getClass();
  }

  /** The value at {@code position}, as {@link #find} gives it for the name. */
  Object valueAt(int position);

  /**
   * The value at {@code position} of a variable whose values are numbers ({@link Double}s), without
   * boxing it.
   */
  double numberAt(int position);
}
