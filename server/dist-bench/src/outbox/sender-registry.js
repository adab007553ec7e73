var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
import { Injectable } from '@nestjs/common';
/**
 * Which function delivers which outbox `kind`. Modules register their senders at init
 * (e.g. notify registers 'subscribe.send'); the worker only claims kinds that have a sender, so a
 * row written by a newer release waits for a worker that understands it instead of dying.
 */
let SenderRegistry = class SenderRegistry {
    senders = new Map();
    register(kind, sender) {
        if (!/^[a-z][a-z0-9_.-]{0,63}$/.test(kind))
            throw new Error(`invalid outbox kind ${JSON.stringify(kind)}`);
        if (this.senders.has(kind))
            throw new Error(`outbox kind ${kind} already has a sender`);
        this.senders.set(kind, sender);
    }
    get(kind) {
        return this.senders.get(kind);
    }
    kinds() {
        return [...this.senders.keys()].sort();
    }
};
SenderRegistry = __decorate([
    Injectable()
], SenderRegistry);
export { SenderRegistry };
//# sourceMappingURL=sender-registry.js.map