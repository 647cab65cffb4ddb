package io.tierwise.rules;

import dev.cel.runtime.CelVariableResolver;

/**
 * Variables that can also be read by a position fixed for the resolver's class, so that a {@link
 * MemoizedRule} finds the values it keys its results by without a lookup by name per read.
 */
public interface PositionedVariables extends CelVariableResolver {
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
