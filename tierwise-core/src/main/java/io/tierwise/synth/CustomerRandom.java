package io.tierwise.synth;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.hipparchus.random.RandomDataGenerator;

/**
 * The random streams of one customer, derived from (seed, customer index) alone, so the output does
 * not depend on the order or thread in which customers are simulated.
 *
 * <p>Each customer gets a JDK {@code L64X128MixRandom} seeded with a SplitMix64 mix of the master
 * seed and the index; two independent sub-streams are split off it for interactions and surveys, so
 * changing how events are drawn never changes a customer's purchases. Gamma, Beta and other
 * deviates come from Hipparchus' {@link RandomDataGenerator} (Marsaglia–Tsang / Ahrens–Dieter
 * gamma, Cheng beta) over an adapter of the JDK generator. Not thread-safe: one per worker.
 */
final class CustomerRandom {
  private static final RandomGeneratorFactory<RandomGenerator.SplittableGenerator> FACTORY =
      RandomGeneratorFactory.of("L64X128MixRandom");

  private final long masterSeed;
  private final JdkRandomAdapter purchaseSource = new JdkRandomAdapter();
  private final JdkRandomAdapter interactionSource = new JdkRandomAdapter();
  private final JdkRandomAdapter surveySource = new JdkRandomAdapter();

  /** Latent draws, attributes and purchases. */
  final RandomDataGenerator purchases = RandomDataGenerator.of(purchaseSource);

  /** Interaction events. */
  final RandomDataGenerator interactions = RandomDataGenerator.of(interactionSource);

  /** Survey answers. */
  final RandomDataGenerator surveys = RandomDataGenerator.of(surveySource);

  CustomerRandom(long masterSeed) {
    this.masterSeed = mix(masterSeed);
  }

  /** Points all streams at the customer with this index (0-based). */
  void startCustomer(long index) {
    RandomGenerator.SplittableGenerator root = FACTORY.create(mix(masterSeed + index));
    interactionSource.use(root.split());
    surveySource.use(root.split());
    purchaseSource.use(root);
  }

  /** The SplitMix64 finaliser: spreads nearby seeds over the whole 64-bit range. */
  static long mix(long value) {
    long z = value + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Lets Hipparchus' samplers draw from a JDK generator that is swapped per customer. */
  private static final class JdkRandomAdapter implements org.hipparchus.random.RandomGenerator {
    private RandomGenerator delegate;

    void use(RandomGenerator generator) {
      this.delegate = generator;
    }

    @Override
    public void setSeed(int seed) {
      setSeed((long) seed);
    }

    @Override
    public void setSeed(int[] seed) {
      long combined = 0;
      for (int part : seed) {
        combined = combined * 31 + part;
      }
      setSeed(combined);
    }

    @Override
    public void setSeed(long seed) {
      delegate = FACTORY.create(seed);
    }

    @Override
    public void nextBytes(byte[] bytes) {
      delegate.nextBytes(bytes);
    }

    @Override
    public void nextBytes(byte[] bytes, int offset, int length) {
      byte[] part = new byte[length];
      delegate.nextBytes(part);
      System.arraycopy(part, 0, bytes, offset, length);
    }

    @Override
    public int nextInt() {
      return delegate.nextInt();
    }

    @Override
    public int nextInt(int bound) {
      return delegate.nextInt(bound);
    }

    @Override
    public long nextLong() {
      return delegate.nextLong();
    }

    @Override
    public long nextLong(long bound) {
      return delegate.nextLong(bound);
    }

    @Override
    public boolean nextBoolean() {
      return delegate.nextBoolean();
    }

    @Override
    public float nextFloat() {
      return delegate.nextFloat();
    }

    @Override
    public double nextDouble() {
      return delegate.nextDouble();
    }

    @Override
    public double nextGaussian() {
      return delegate.nextGaussian();
    }
  }
}
