package io.edgeai.postprocessing.decision;

import io.edgeai.contracts.decision.DecisionRequest;
import io.edgeai.contracts.decision.DecisionResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The postprocessing API: model outputs and reading metadata in, statuses and alert events out. */
@RestController
@RequestMapping("/api/v1/postprocessing")
public class DecisionController {

    private final Postprocessor postprocessor;

    public DecisionController(Postprocessor postprocessor) {
        this.postprocessor = postprocessor;
    }

    /** Decides a batch (all-or-nothing: 422 lists every bad field and no alert state changes). */
    @PostMapping("/decisions")
    public DecisionResponse decide(@RequestBody DecisionRequest request) {
        return postprocessor.decide(request);
    }
}
