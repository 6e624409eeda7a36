/**
 * Drag and drop with dnd-kit, as every list that reorders or regroups uses it (categories into
 * groups, due items into an order): the keyboard jumps the dragged row between drop targets, and
 * a pointer drops where it is.
 */
import {
  closestCenter,
  KeyboardSensor,
  pointerWithin,
  PointerSensor,
  useSensor,
  useSensors,
  type CollisionDetection,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';

/**
 * The sensors every list uses: a pointer drag starts after 4 px (so a click on a row stays a
 * click), and the keyboard (Space, arrows, Space) jumps between drop targets.
 */
export function useRowSensors() {
  return useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: jumpBetweenTargets }),
  );
}

/**
 * Arrow keys jump the dragged row from one drop target to the next, top to bottom, instead of
 * nudging it a few pixels at a time.
 */
export const jumpBetweenTargets: KeyboardCoordinateGetter = (
  event,
  { context, currentCoordinates },
) => {
  if (event.code !== 'ArrowDown' && event.code !== 'ArrowUp') return undefined;
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers, over } = context;
  if (!collisionRect) return undefined;
  const targets = droppableContainers
    .getEnabled()
    .flatMap((container) => {
      const rect = droppableRects.get(container.id);
      return rect ? [{ id: container.id, rect }] : [];
    })
    .sort((a, b) => a.rect.top - b.rect.top);
  if (targets.length === 0) return undefined;
  const down = event.code === 'ArrowDown';
  const current = targets.findIndex((t) => t.id === over?.id);
  const middle = collisionRect.top + collisionRect.height / 2;
  let index: number;
  if (current === -1) {
    index = down
      ? targets.findIndex((t) => t.rect.top + t.rect.height / 2 > middle)
      : targets.findLastIndex((t) => t.rect.top + t.rect.height / 2 < middle);
    if (index === -1) index = down ? targets.length - 1 : 0;
  } else {
    index = Math.min(Math.max(current + (down ? 1 : -1), 0), targets.length - 1);
  }
  const target = targets[index]!;
  return {
    x: currentCoordinates.x,
    y: target.rect.top + Math.min(target.rect.height, 48) / 2 - collisionRect.height / 2,
  };
};

/** A pointer drops where it is; the keyboard (no pointer) onto the nearest target. */
export const collisionDetection: CollisionDetection = (args) =>
  args.pointerCoordinates ? pointerWithin(args) : closestCenter(args);
