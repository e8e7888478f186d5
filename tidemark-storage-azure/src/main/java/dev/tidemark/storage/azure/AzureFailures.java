package dev.tidemark.storage.azure;

import com.azure.storage.blob.models.BlobStorageException;
import dev.tidemark.storage.TransientRetry;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/** Which Azure Blob failures pass by themselves, and how to word any of them in one line without secrets. */
final class AzureFailures implements TransientRetry.Classifier {
    private static final Set<String> TRANSIENT_CODES = Set.of("ServerBusy", "OperationTimedOut", "InternalError");

    @Override
    public boolean isTransient(Exception failure) {
        if (failure instanceof BlobStorageException storage) {
            int status = storage.getStatusCode();
            String code = storage.getErrorCode() == null ? null : storage.getErrorCode().toString();
            return status >= 500 || status == 408 || status == 429 || (code != null && TRANSIENT_CODES.contains(code));
        }
        if (failure instanceof java.io.FileNotFoundException) {
            return false;
        }
        // connection refused, reset or timed out, possibly wrapped by the reactive HTTP stack
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException || cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String describe(Exception failure) {
        if (failure instanceof BlobStorageException storage) {
            String code = storage.getErrorCode() == null ? "" : " " + storage.getErrorCode();
            return "HTTP " + storage.getStatusCode() + code + meaning(storage.getStatusCode(), code.strip());
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        return root.getClass().getSimpleName() + message;
    }

    private static String meaning(int status, String code) {
        return switch (code) {
            case "ContainerNotFound" -> " (the container does not exist)";
            case "AuthenticationFailed", "InvalidAuthenticationInfo" ->
                    " (the connection string's key or SAS is not valid for this account)";
            case "AuthorizationPermissionMismatch", "AuthorizationFailure", "AuthorizationResourceTypeMismatch" ->
                    " (the SAS or role does not permit this operation)";
            default -> status == 403 ? " (access denied: check the connection string)" : "";
        };
    }
}
