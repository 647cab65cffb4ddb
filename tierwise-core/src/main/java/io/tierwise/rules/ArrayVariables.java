package io.tierwise.rules;

import java.util.List;

/**
 * Variables held in an array, named by a list whose order gives their positions; the list itself is
 * the {@linkplain #layout() layout}, so instances sharing one list share positions. For one-off
 * evaluations and tests.
 *
 * @param names the variables' names, by position
 * @param values their values (a {@code Double} where a number is read), by position
 */
record ArrayVariables(List<String> names, Object[] values) implements PositionedVariables {

  @Override
  public int position(String name) {
    return names.indexOf(name);
  }

  @Override
  public Object layout() {
    return names;
  }

  @Override
  public Object valueAt(int position) {
    return values[position];
  }

  @Override
  public double numberAt(int position) {
    return (Double) values[position];
  }
}
