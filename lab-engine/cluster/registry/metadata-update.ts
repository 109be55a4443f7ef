// The metadata part of an update every kind shares: labels and annotations as the request has
// them, absent when empty (the API drops empty maps).

type Meta = { labels?: Record<string, string>; annotations?: Record<string, string> };

export function setLabelsAndAnnotations(meta: Meta, labels: Record<string, string> | undefined, annotations: Record<string, string> | undefined): void {
  if (labels && Object.keys(labels).length) meta.labels = labels;
  else delete meta.labels;
  if (annotations && Object.keys(annotations).length) meta.annotations = annotations;
  else delete meta.annotations;
}
