export function AuditView() {
  return <section aria-label="Audit" className="p-4" />;
}
