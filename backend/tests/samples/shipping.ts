// Shipping costs for parcels, by zone and weight.

export type Zone = "domestic" | "europe" | "world";

const RATES: Record<Zone, Array<{ upToKg: number; price: number }>> = {
  domestic: [
    { upToKg: 2, price: 4.5 },
    { upToKg: 10, price: 7.9 },
    { upToKg: 30, price: 14.0 },
  ],
  europe: [
    { upToKg: 2, price: 9.0 },
    { upToKg: 10, price: 18.5 },
    { upToKg: 30, price: 36.0 },
  ],
  world: [
    { upToKg: 2, price: 16.0 },
    { upToKg: 10, price: 42.0 },
    { upToKg: 30, price: 89.0 },
  ],
};

/** The price of one parcel, or undefined when it is too heavy to ship. */
export function parcelPrice(zone: Zone, weightKg: number): number | undefined {
  const band = RATES[zone].find((rate) => weightKg <= rate.upToKg);
  return band?.price;
}

export function formatBytes(bytes: number): string {
  const units = ["B", "KB", "MB", "GB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size.toFixed(1)} ${units[unit]}`;
}

export class S3Model {
  constructor(readonly bucket: string, readonly key: string) {}

  get url(): string {
    return `s3://${this.bucket}/${this.key}`;
  }
}
