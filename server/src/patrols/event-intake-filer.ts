import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor.js';
import { EventsService } from '../events/events.service.js';
import { RoutingService } from '../routing/routing.service.js';
import { PatrolEventFiler, type PatrolFinding } from './event-filer.js';

/**
 * Patrol findings through the events module's intake: a worker's report (accepted at once, or
 * straight into `resolved` when self-handled), idempotent by `patrol-<checkinId>`.
 */
@Injectable()
export class EventIntakePatrolFiler extends PatrolEventFiler {
  constructor(
    private readonly events: EventsService,
    private readonly routing: RoutingService,
  ) {
    super();
  }

  async file(actor: Actor, f: PatrolFinding): Promise<number> {
    // The point routes to the visited micro-grid when it lies inside it: send the point (the event
    // keeps its location). In the tolerance band outside it, routing would guess a neighbour, so
    // name the micro-grid the check-in counted for instead.
    const r = this.routing.locate({ ...f.location, crs: 'gcj02' });
    const pointRoutes = f.microGridCode === null || (r !== null && r.fallback === null && r.node.code === f.microGridCode);
    const created = await this.events.intake(actor, {
      requestKey: f.requestId,
      source: 'worker',
      category: f.category,
      description: f.description,
      ...(pointRoutes ? { location: { ...f.location, crs: 'gcj02' as const } } : { gridCode: f.microGridCode! }),
      photos: f.photos,
      selfHandled: f.selfHandled,
    });
    return created.id;
  }
}
