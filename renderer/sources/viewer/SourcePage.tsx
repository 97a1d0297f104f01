export function SourcePage({ sourceId }: { sourceId: string }) {
  return <section aria-label="Source">{sourceId}</section>;
}

export function SourceSidePanel({ sourceId }: { sourceId: string }) {
  return <section aria-label="Source memo">{sourceId}</section>;
}
