/**
 * The one Slot search grammar. {@link org.esus.common.search.SlotSearchParser} turns GET /Slot
 * parameters and Subscription criteria into {@link org.esus.common.search.SlotCriteria} (+
 * paging in {@link org.esus.common.search.SlotSearch}); {@code SlotCriteria.matches(SlotFacts)}
 * is the reference evaluator. slot-service translates the same model to SQL and the
 * subscription matcher evaluates it against Slot change events, so a search and a
 * Subscription with the same criteria cannot disagree. Where SQL and {@code matches} differ,
 * {@code matches} is right.
 *
 * <p>The value grammar ({@link org.esus.common.search.DateCondition}, {@link
 * org.esus.common.search.TokenValue}, {@link org.esus.common.search.ReferenceValue}, {@link
 * org.esus.common.search.SearchValues}) and the result parameters ({@link
 * org.esus.common.search.ResultParameters}, {@link org.esus.common.search.PagingParameters}) are
 * shared by every search, Appointment search in booking-service included; {@code .sql} and
 * {@code .bundle} hold what the services share to run a search and answer it.
 */
package org.esus.common.search;
