/** Reading customers, orders, events and surveys from a relational database with a SQL query. */
package io.tierwise.store.jdbc;
