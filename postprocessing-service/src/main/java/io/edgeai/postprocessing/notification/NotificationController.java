package io.edgeai.postprocessing.notification;

import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The dead-letter log of webhook notifications, for operators. */
@RestController
@RequestMapping("/api/v1/postprocessing/notifications")
public class NotificationController {

    private final DeadLetterLog deadLetters;

    public NotificationController(DeadLetterLog deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/dead-letters")
    public Map<String, List<DeadLetter>> deadLetters() {
        return Map.of("deadLetters", deadLetters.recent());
    }
}
