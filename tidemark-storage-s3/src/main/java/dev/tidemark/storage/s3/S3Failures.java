package dev.tidemark.storage.s3;

import dev.tidemark.storage.TransientRetry;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Which S3 failures pass by themselves, and how to word any of them in one line without secrets. */
final class S3Failures implements TransientRetry.Classifier {
    private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "Throttling", "ThrottlingException",
            "RequestTimeout", "RequestTimeTooSkewed", "InternalError", "ServiceUnavailable", "OperationAborted");

    @Override
    public boolean isTransient(Exception failure) {
        if (failure instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return status >= 500 || status == 429 || (code != null && TRANSIENT_CODES.contains(code));
        }
        if (failure instanceof ApiCallAttemptTimeoutException || failure instanceof ApiCallTimeoutException) {
            return true;
        }
        if (failure instanceof SdkClientException || failure instanceof IOException) {
            // connection refused, reset or timed out: the request may well succeed when sent again
            return hasCause(failure, IOException.class) && !(failure instanceof java.io.FileNotFoundException);
        }
        return false;
    }

    @Override
    public String describe(Exception failure) {
        if (failure instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null || service.awsErrorDetails().errorCode() == null
                    ? "" : " " + service.awsErrorDetails().errorCode();
            return "HTTP " + service.statusCode() + code + meaning(service.statusCode(), code.strip());
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + firstLine(root.getMessage());
        return root.getClass().getSimpleName() + message;
    }

    private static String meaning(int status, String code) {
        return switch (code) {
            case "NoSuchBucket" -> " (the bucket does not exist)";
            case "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken" ->
                    " (the credentials are not valid for this endpoint)";
            case "AccessDenied" -> " (access denied: check the credentials and the bucket policy)";
            case "PermanentRedirect", "AuthorizationHeaderMalformed" -> " (the bucket is in another region)";
            default -> switch (status) {
                case 301 -> " (the bucket is in another region)";
                case 403 -> " (access denied: check the credentials and the bucket policy)";
                case 404 -> " (the bucket does not exist)";
                default -> "";
            };
        };
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
