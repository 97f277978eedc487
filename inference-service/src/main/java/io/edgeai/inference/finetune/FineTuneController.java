package io.edgeai.inference.finetune;

import io.edgeai.inference.repository.VersionPromoter;
import io.edgeai.inference.training.core.TrainingRejectedException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fine-tuning jobs ({@code /v2/models/{m}/finetune[/{job}]}) and promotion or rollback
 * ({@code POST /v2/models/{m}/versions/{v}/promote}). Admin-only through the gateway.
 */
@RestController
public class FineTuneController {

    private final FineTuneJobs jobs;
    private final VersionPromoter promoter;

    public FineTuneController(FineTuneJobs jobs, VersionPromoter promoter) {
        this.jobs = jobs;
        this.promoter = promoter;
    }

    @PostMapping({"/v2/repository/models/{model}/finetune", "/v2/models/{model}/finetune"})
    public ResponseEntity<FineTuneJob> start(@PathVariable String model,
                                             @RequestBody(required = false) FineTuneRequest request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.start(model, request));
    }

    @GetMapping({"/v2/repository/models/{model}/finetune/{job}", "/v2/models/{model}/finetune/{job}"})
    public FineTuneJob get(@PathVariable String model, @PathVariable String job) {
        return jobs.get(model, job);
    }

    @DeleteMapping({"/v2/repository/models/{model}/finetune/{job}", "/v2/models/{model}/finetune/{job}"})
    public ResponseEntity<FineTuneJob> cancel(@PathVariable String model, @PathVariable String job) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.cancel(model, job));
    }

    @PostMapping({"/v2/repository/models/{model}/versions/{version}/promote",
            "/v2/models/{model}/versions/{version}/promote"})
    public Map<String, Object> promote(@PathVariable String model, @PathVariable String version) {
        long v;
        try {
            v = Long.parseLong(version);
        } catch (NumberFormatException e) {
            throw new TrainingRejectedException("version must be a number, was '" + version + "'");
        }
        List<Long> served = promoter.promote(model, v);
        return Map.of("model", model, "version", version, "servedVersions",
                served.stream().map(String::valueOf).toList());
    }
}
