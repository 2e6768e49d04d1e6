/**
 * Answering a search: the searchset Bundle written around stored JSON, its self and next links,
 * and what happens to unknown parameters. Shared by slot-service and booking-service so both
 * searches look the same to a client.
 */
package org.esus.common.search.bundle;
