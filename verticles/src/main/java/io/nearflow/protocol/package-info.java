/**
 * The message contracts between the verticles: every event-bus address in one place
 * ({@link io.nearflow.protocol.Addresses}) and the records that travel on them, each with its
 * JSON form. Bulk bytes never travel here; data units are references.
 * May touch: Vert.x JSON, the data-unit contract. Nothing else.
 */
package io.nearflow.protocol;
