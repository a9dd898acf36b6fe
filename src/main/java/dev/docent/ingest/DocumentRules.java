package dev.docent.ingest;

import dev.docent.security.Caller;

/** Who may do what with a document, beyond reading it (which its ACL groups decide). */
final class DocumentRules {

    private DocumentRules() {
    }

    /** Change its ACL or delete it: its uploader (never for what a legacy system sent) or an admin, if they can read it. */
    static boolean mayManage(Caller caller, Document document) {
        return caller.canRead(document.aclGroups()) && (caller.admin() || isUploader(caller, document));
    }

    /** Upload new content under its externalId: the same people. */
    static boolean mayReplace(Caller caller, Document document) {
        return caller.admin() || mayManage(caller, document);
    }

    private static boolean isUploader(Caller caller, Document document) {
        return !IngestionJob.JMS_CREATOR.equals(document.createdBy()) && caller.user().equals(document.createdBy());
    }
}
