package org.opencarboneval.calibration.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class CostModelTest {

    /**
     * Eight epochs of 100 steps, the last four twice as fast at the same power (100 then 50 J a step). Where the
     * regime starts at the step, the completed-epochs model still averages every epoch after the first, as the
     * baseline of that name does: a step in speed need not change what an epoch costs.
     */
    @Test
    void theCompletedEpochsCountFromWhereTrainingBeganNotFromAStepInSpeed() {
        History history = new History();
        history.add(new ProgressPoint(0, 0, 0, 0));
        double seconds = 0;
        double joules = 0;
        ProgressPoint atStep = null;
        for (int step = 1; step <= 800; step++) {
            double secondsPerStep = step <= 400 ? 1 : 0.5;
            seconds += secondsPerStep;
            joules += 100 * secondsPerStep;
            ProgressPoint point = new ProgressPoint(seconds, step, joules, step / 100);
            history.add(point);
            if (step == 400) {
                atStep = point;
            }
        }

        Cost afterTheStep = CostModel.COMPLETED_EPOCHS.cost(history, atStep, 1000, Optional.empty()).orElseThrow()
            .over(200);
        Cost fromTheStart = CostModel.COMPLETED_EPOCHS.cost(history, history.trainingStart(), 1000, Optional.empty())
            .orElseThrow().over(200);

        assertEquals((300 * 100 + 400 * 50) / 700.0, afterTheStep.joulesPerWork(), 1e-9, "epochs 2 to 8");
        assertEquals(fromTheStart, afterTheStep);
    }
}
