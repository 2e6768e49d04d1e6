package org.esus.deploy.chart;

import java.util.stream.Stream;

/** The value sets every structural test runs against: the chart's defaults and values-production.yaml. */
final class Renderings {

    private Renderings() {
    }

    static Stream<ChartRendering> both() {
        return Stream.of(ChartRendering.defaults(), ChartRendering.production());
    }
}
