package io.tierwise.clv;

/**
 * A customer's (x, t_x, T): the key under which customers with identical purchase statistics are
 * counted once ({@link CompressedStats}) and scored once ({@link ClvScorer}).
 *
 * <p>Its hash mixes all bits of the three numbers. The default record hash (31·h + …, with {@link
 * Double#hashCode}) leaves whole-number recencies and ages — days, or weeks that are multiples of 7
 * days — with the same low bits, which a hash table uses: with millions of customers the lookups
 * ran down long collision chains and took two thirds of the statistics pass.
 */
record PurchaseKey(int repeatPurchases, double recency, double age) {

  @Override
  public int hashCode() {
    long h = repeatPurchases * 0x9E3779B97F4A7C15L;
    h = mix(h ^ Double.doubleToLongBits(recency));
    h = mix(h ^ Double.doubleToLongBits(age));
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PurchaseKey key
        && key.repeatPurchases == repeatPurchases
        && Double.doubleToLongBits(key.recency) == Double.doubleToLongBits(recency)
        && Double.doubleToLongBits(key.age) == Double.doubleToLongBits(age);
  }

  /** The murmur3 64-bit finaliser. */
  static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    return h ^ (h >>> 33);
  }
}
