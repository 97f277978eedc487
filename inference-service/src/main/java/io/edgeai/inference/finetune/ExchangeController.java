package io.edgeai.inference.finetune;

import io.edgeai.contracts.hub.ModelPackage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Model exchange with the hub, called by the gateway's uplink: a version as a package
 * ({@code GET /v2/repository/models/{m}/versions/{v}/package}) and a package gated and maybe promoted
 * ({@code POST /v2/repository/models/{m}/import}).
 */
@RestController
public class ExchangeController {

    private final ImportGate gate;

    public ExchangeController(ImportGate gate) {
        this.gate = gate;
    }

    @GetMapping("/v2/repository/models/{model}/versions/{version}/package")
    public ModelPackage exportVersion(@PathVariable String model, @PathVariable long version) {
        return gate.packageOf(model, version);
    }

    @PostMapping("/v2/repository/models/{model}/import")
    public ImportGate.Outcome importVersion(@PathVariable String model, @RequestBody ModelPackage body) {
        return gate.importPackage(model, body);
    }
}
