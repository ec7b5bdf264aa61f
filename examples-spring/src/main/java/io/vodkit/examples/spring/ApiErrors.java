package io.vodkit.examples.spring;

import io.vodkit.ErrorCode;
import io.vodkit.VodkitException;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors as {@code {"error": {"code", "message", "field"}}}: a {@link VodkitException} answers
 * with its {@link ErrorCode#httpStatus()} and {@link ErrorCode#wireName()}; a body that is not
 * JSON of the right shape is 400 {@code invalid_request}.
 */
@RestControllerAdvice
public class ApiErrors {

  /** Public for Spring. */
  public ApiErrors() {}

  /** A vodkit error: its code, message and field. */
  @ExceptionHandler(VodkitException.class)
  public ResponseEntity<Map<String, Object>> vodkit(VodkitException e) {
    return error(e.code(), e.getMessage(), e.field());
  }

  /** An unreadable body. */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    return error(ErrorCode.INVALID_REQUEST, "the body must be a JSON object of the documented shape", null);
  }

  private static ResponseEntity<Map<String, Object>> error(ErrorCode code, String message, String field) {
    return ResponseEntity.status(code.httpStatus())
        .body(Map.of("error", VideoController.json("code", code.wireName(), "message", message, "field", field)));
  }
}
