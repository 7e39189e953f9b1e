/** Where moderator notifications go: SNS in the cloud, an outbox folder locally, an array in tests. */
export interface NotificationPublisher {
  publish(message: { subject: string; message: string }): Promise<void>;
}
