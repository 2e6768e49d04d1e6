/**
 * The one Slot search grammar. {@link org.esus.common.search.SlotSearchParser} turns GET /Slot
 * parameters and Subscription criteria into {@link org.esus.common.search.SlotCriteria} (+
 * paging in {@link org.esus.common.search.SlotSearch}); {@code SlotCriteria.matches(SlotFacts)}
 * is the reference evaluator. slot-service translates the same model to SQL and the
 * subscription matcher evaluates it against Slot change events, so a search and a
 * Subscription with the same criteria cannot disagree. Where SQL and {@code matches} differ,
 * {@code matches} is right.
 */
package org.esus.common.search;
