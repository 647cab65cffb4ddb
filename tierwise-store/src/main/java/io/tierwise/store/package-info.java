/** Relational adapters around the core: reading customers and orders over JDBC. */
package io.tierwise.store;
