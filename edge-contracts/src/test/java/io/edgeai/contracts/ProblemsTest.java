package io.edgeai.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

class ProblemsTest {

    @AfterEach
    void clear() {
        MDC.remove(Problems.TRACE_ID);
    }

    @Test
    void aProblemNamesTheTraceOfTheRequest() {
        MDC.put(Problems.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736");
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid", "bad");
        assertThat(problem.getProperties()).containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void withoutATraceThereIsNoTraceIdMember() {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION, "Invalid", "bad");
        assertThat(problem.getProperties()).isNullOrEmpty();
    }
}
